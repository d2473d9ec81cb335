package io.nicsim.bench.cluster;

/**
 * The cluster refused this node, or this node refused its peer: another secret (the cluster at a named member did not
 * take it), or another nicsim version at the handshake. Its message is one line; commands exit 2 on it.
 */
public final class ClusterRefusal extends ClusterException {

    private static final long serialVersionUID = 1L;

    public ClusterRefusal(String message) {
        super(message);
    }
}
