/**
 * The host's interrupt path: the dispatcher that reads raised interrupts, their log and the targets they wake; host
 * layer.
 */
package io.nicsim.host.interrupt;
