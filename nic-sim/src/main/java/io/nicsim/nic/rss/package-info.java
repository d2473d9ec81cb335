/**
 * Receive-side scaling: the Toeplitz hash and the indirection table that steer flows to RX queues; nic-sim layer.
 */
package io.nicsim.nic.rss;
