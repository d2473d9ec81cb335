package io.nicsim.bench.cluster;

import java.util.List;

/**
 * How a node joins the cluster (the {@code --join}/{@code --cluster}, {@code --bind} and {@code --secret-file} flags,
 * checked).
 *
 * @param members  the members to join, {@code HOST:PORT} each (a TCP-IP join: no multicast)
 * @param bindHost the address this node listens on (127.0.0.1 unless told otherwise; never 0.0.0.0 by default)
 * @param bindPort the port it listens on, or 0 for the first free one from 5701
 * @param secret   the shared secret's bytes (from {@code --secret-file}), or null on loopback without one
 */
public record ClusterOptions(List<String> members, String bindHost, int bindPort, byte[] secret) {

    public ClusterOptions {
        members = List.copyOf(members);
    }
}
