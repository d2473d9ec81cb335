/**
 * The host layer's entry point: the factory of consumers by name; host layer, above nic-sim.
 */
package io.nicsim.host;
