/**
 * The wire and the MAC: link timing and the FIFO that holds injected packets until the firmware detects them; nic-
 * sim layer.
 */
package io.nicsim.nic.wire;
