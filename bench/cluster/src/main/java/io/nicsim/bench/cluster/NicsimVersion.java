package io.nicsim.bench.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The nicsim version this build is, as the handshake compares it (a worker and its coordinator must match). */
public final class NicsimVersion {

    /** Bumped when the messages between coordinator and worker change. */
    public static final int PROTOCOL = 1;

    private NicsimVersion() {
    }

    /** @return {@code 0.1.0-SNAPSHOT/protocol-1}: the build's version and the protocol's */
    public static String current() {
        Properties properties = new Properties();
        try (InputStream in = NicsimVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // unknown: the handshake compares "unknown" like any other version
        }
        return properties.getProperty("version", "unknown") + "/protocol-" + PROTOCOL;
    }
}
