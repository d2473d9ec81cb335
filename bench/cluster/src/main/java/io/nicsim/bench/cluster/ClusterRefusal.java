package io.nicsim.bench.cluster;

/**
 * This node cannot be in the cluster as asked: the cluster at a named member did not take it (another secret), a
 * coordinator runs another nicsim version, or {@code --bind} names an address this machine cannot listen on. Its
 * message is one line; commands exit 2 on it (bad input).
 */
public final class ClusterRefusal extends ClusterException {

    private static final long serialVersionUID = 1L;

    public ClusterRefusal(String message) {
        super(message);
    }
}
