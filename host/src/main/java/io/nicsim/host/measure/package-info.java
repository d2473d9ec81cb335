/**
 * Latency measurement of handled packets (HdrHistogram recorders, stages, the host stamp journal); host layer.
 */
package io.nicsim.host.measure;
