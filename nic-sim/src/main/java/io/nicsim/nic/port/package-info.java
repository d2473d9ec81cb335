/**
 * nic-sim: the device's ports, what it writes (descriptors, interrupts) and reads (doorbells): Chronicle queues in
 * hardware-in-the-loop runs, memory in virtual time.
 */
package io.nicsim.nic.port;
