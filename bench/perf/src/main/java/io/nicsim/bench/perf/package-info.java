/**
 * The simulator's own performance benchmarks ({@code nicsim bench}: floor, throughput, machine load) and their
 * report; bench layer, above the runner.
 */
package io.nicsim.bench.perf;
