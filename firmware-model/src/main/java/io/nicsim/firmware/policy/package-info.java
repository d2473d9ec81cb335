/**
 * The device side of notification: interrupt moderation policies (per-packet, coalescing, adaptive) and their
 * factory; firmware-model layer, no I/O.
 */
package io.nicsim.firmware.policy;
