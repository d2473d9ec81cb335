/**
 * A UDP sender of live traffic for the {@code udp} traffic kind; bench layer (runner module).
 */
package io.nicsim.bench.send;
