package io.nicsim.bench.cluster;

/**
 * A worker as it introduced itself at the handshake.
 *
 * @param id      its cluster node id (the Hazelcast member's UUID)
 * @param name    how it is shown: {@code host:pid}
 * @param version the nicsim version it runs ({@link NicsimVersion#current()})
 * @param slots   how many paced points it runs at once (1: the machine must be quiet)
 * @param cores   its cores: how many virtual-time points it runs at once
 * @param cpu     its CPU model
 */
public record WorkerInfo(String id, String name, String version, int slots, int cores, String cpu) {
}
