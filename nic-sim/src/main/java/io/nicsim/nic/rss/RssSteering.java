package io.nicsim.nic.rss;

import io.nicsim.nic.traffic.FlowTuples;

/**
 * Receive-side scaling for the flows of a traffic source: a flow's 5-tuple ({@link FlowTuples}) is hashed with
 * {@link Toeplitz} (TCP and UDP over addresses and ports, other IPv4 protocols over the addresses) and the
 * {@link IndirectionTable} maps the hash to a queue; a frame without IPv4 gets no hash and goes to queue 0, as
 * Microsoft's RSS asks for what a NIC cannot parse. Pure and stateless apart from its tables: no allocation, any
 * thread (if the tuples are read on the thread that fills them, for live sources).
 */
public final class RssSteering {

    private final FlowTuples tuples;
    private final Toeplitz toeplitz;
    private final IndirectionTable table;

    public RssSteering(FlowTuples tuples, Toeplitz toeplitz, IndirectionTable table) {
        this.tuples = tuples;
        this.toeplitz = toeplitz;
        this.table = table;
    }

    /** @return steering over {@code queues} queues with Microsoft's key and a round-robin table, as drivers start */
    public static RssSteering forQueues(int queues, FlowTuples tuples) {
        return new RssSteering(tuples, Toeplitz.microsoft(), IndirectionTable.roundRobin(queues));
    }

    /** @return the RSS hash of a flow's packets (0 for a frame without IPv4) */
    public int hashOf(int flow) {
        int protocol = tuples.protocol(flow);
        if (protocol == FlowTuples.NOT_IPV4) {
            return 0;
        }
        if (protocol == FlowTuples.TCP || protocol == FlowTuples.UDP) {
            return toeplitz.ipv4WithPorts(tuples.sourceIp(flow), tuples.destinationIp(flow), tuples.sourcePort(flow),
                    tuples.destinationPort(flow));
        }
        return toeplitz.ipv4(tuples.sourceIp(flow), tuples.destinationIp(flow));
    }

    /** @return the receive queue a flow's packets land in */
    public int queueOf(int flow) {
        if (tuples.protocol(flow) == FlowTuples.NOT_IPV4) {
            return 0;
        }
        return table.queueOf(hashOf(flow));
    }

    public int queues() {
        return table.queues();
    }
}
