/**
 * The host side of notification: driver policies that decide after each poll whether to poll again, sleep or re-
 * arm; firmware-model layer, no I/O.
 */
package io.nicsim.firmware.driver;
