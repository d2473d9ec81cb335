package io.nicsim.bench.cluster;

/** The cluster could not be joined or used (a member unreachable, a refused handshake): its message is one line. */
public class ClusterException extends Exception {

    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
