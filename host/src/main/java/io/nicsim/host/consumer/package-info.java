/**
 * What a consumer is (the contract, its context and failure) and the busy-polling consumer; host layer.
 */
package io.nicsim.host.consumer;
