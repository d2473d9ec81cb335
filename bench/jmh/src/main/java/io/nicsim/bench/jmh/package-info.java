/**
 * JMH micro-benchmarks of the hot paths (policy decisions, record appends, RSS hashing, hand-offs); a bench module
 * kept off the CLI's class path.
 */
package io.nicsim.bench.jmh;
