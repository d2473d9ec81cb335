/**
 * The Chronicle queues between the NIC and the host (descriptors, interrupts, doorbells, device status); nic-sim
 * layer.
 */
package io.nicsim.nic.queue;
