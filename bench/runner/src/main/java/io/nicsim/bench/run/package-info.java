/**
 * Runs a scenario: the device and the consumers in one process or in two (NIC and host), child JVMs and progress;
 * bench layer, above report.
 */
package io.nicsim.bench.run;
