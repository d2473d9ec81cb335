/**
 * Traffic sources (constant, Poisson, MMPP, on/off, trace replay, live) and their flows; nic-sim layer.
 */
package io.nicsim.nic.traffic;
