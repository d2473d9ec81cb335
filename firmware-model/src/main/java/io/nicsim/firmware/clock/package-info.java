/**
 * Nanosecond clocks (the system's and a manual one for tests); the bottom layer (firmware-model), used by every
 * module above.
 */
package io.nicsim.firmware.clock;
