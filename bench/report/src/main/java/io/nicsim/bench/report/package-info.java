/**
 * Reports of finished runs (report.html, latency tables, charts, journal printing) read from the run folder's
 * files; bench layer, above results.
 */
package io.nicsim.bench.report;
