/**
 * The hand-off shapes (thread per flow, pools, event loops, virtual threads) and their softirq-style poll; host
 * layer.
 */
package io.nicsim.host.shape;
