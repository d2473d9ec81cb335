/**
 * Hand-off primitives between the interrupt path and the consumer threads (mailbox, waiter); host
 * layer.
 */
package io.nicsim.host.handoff;
