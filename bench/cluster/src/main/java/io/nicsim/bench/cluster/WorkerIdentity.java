package io.nicsim.bench.cluster;

import io.nicsim.bench.results.Environment;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** How this machine introduces itself at the handshake: its host name, cores and CPU model. */
final class WorkerIdentity {

    private WorkerIdentity() {
    }

    /** @return this machine's host name, or "localhost" when it has none */
    static String hostName() {
        String name = System.getenv("HOSTNAME");
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** @return this machine's CPU model */
    static String cpu() {
        return Environment.current().cpu();
    }
}
