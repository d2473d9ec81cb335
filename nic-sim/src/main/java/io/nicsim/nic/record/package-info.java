/**
 * The binary records written to the Chronicle queues and their format; nic-sim layer.
 */
package io.nicsim.nic.record;
