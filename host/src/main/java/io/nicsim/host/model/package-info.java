/**
 * host.model: the host as a model in virtual time. {@link io.nicsim.host.model.HostModel} holds what a host costs
 * (wake-ups, driver work, interrupt delivery, cores), {@link io.nicsim.host.model.VirtualHost} runs the consumers of a
 * scenario over it in one discrete-event loop with the device (docs/semantics.md#virtual-time-the-host-as-a-model).
 */
package io.nicsim.host.model;
