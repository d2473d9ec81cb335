/**
 * Idle strategies for the device's agent thread; nic-sim layer, above firmware-model.
 */
package io.nicsim.nic.agent;
