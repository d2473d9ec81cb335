/**
 * The simulated NIC: device, firmware, DMA timing and descriptor rings, wired to a notification policy; nic-sim
 * layer, above firmware-model.
 */
package io.nicsim.nic.device;
