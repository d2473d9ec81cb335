/**
 * CPU and scheduling costs of the consumer threads, read from /proc; host layer.
 */
package io.nicsim.host.cost;
