/**
 * Dynamic interrupt moderation (a model of Linux net_dim) and its profiles; firmware-model layer.
 */
package io.nicsim.firmware.policy.dim;
