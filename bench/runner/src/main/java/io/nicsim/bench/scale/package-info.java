/**
 * The scale study: memory and wake-up cost of many parked waiting consumers per kind; bench layer (runner module).
 */
package io.nicsim.bench.scale;
