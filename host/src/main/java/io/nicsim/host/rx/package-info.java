/**
 * The host's RX side: reading descriptors from a queue, delivering packets to handlers and returning ring slots;
 * host layer.
 */
package io.nicsim.host.rx;
