/**
 * The results of runs as written to disk (summary.json, run folders, drop accounting, environment); bench layer,
 * above scenario.
 */
package io.nicsim.bench.results;
