package io.nicsim.bench.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a node joins the cluster (the {@code --join}/{@code --cluster}, {@code --bind} and {@code --secret-file} flags,
 * checked).
 *
 * @param members  the members to join, {@code HOST:PORT} each (a TCP-IP join: no multicast)
 * @param bindHost the address this node listens on (127.0.0.1 unless told otherwise; never 0.0.0.0 by default)
 * @param bindPort the port it listens on, or 0 for the first free one from {@value #FIRST_PORT}
 * @param secret   the shared secret's bytes (from {@code --secret-file}), or null on loopback without one
 */
public record ClusterOptions(List<String> members, String bindHost, int bindPort, byte[] secret) {

    /** Hazelcast's first member port; a node without a port takes the first free one from here. */
    public static final int FIRST_PORT = 5701;
    /** The address a node binds unless told otherwise. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The fewest bytes a secret may have. */
    public static final int MIN_SECRET_BYTES = 16;

    public ClusterOptions {
        members = List.copyOf(members);
    }

    /** @return whether this node binds a loopback address (and so may go without a secret) */
    public boolean loopback() {
        try {
            return InetAddress.getByName(bindHost).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * @param membersFlag the flag naming the members ({@code --join} or {@code --cluster})
     * @param members     its value: {@code HOST:PORT[,HOST:PORT...]}
     * @param bind        {@code --bind HOST[:PORT]}, or null for 127.0.0.1 on the first free port
     * @param secretFile  {@code --secret-file}, or null
     * @return the checked options
     * @throws IllegalArgumentException with one line naming the flag and what is wrong
     */
    public static ClusterOptions parse(String membersFlag, String members, String bind, Path secretFile) {
        List<String> list = new ArrayList<>();
        for (String member : members == null ? new String[0] : members.split(",", -1)) {
            list.add(hostPort(membersFlag, member.trim(), true));
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException(membersFlag + ": expected HOST:PORT[,HOST:PORT...], found nothing");
        }
        String host = LOOPBACK;
        int port = 0;
        if (bind != null) {
            String checked = hostPort("--bind", bind.trim(), false);
            int colon = checked.lastIndexOf(':');
            host = colon < 0 ? checked : checked.substring(0, colon);
            port = colon < 0 ? 0 : Integer.parseInt(checked.substring(colon + 1));
        }
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            throw new IllegalArgumentException("--bind " + bind + ": name one address (0.0.0.0 would listen on every"
                    + " interface)");
        }
        ClusterOptions options = new ClusterOptions(list, host, port, secretFile == null ? null : secret(secretFile));
        if (options.secret() == null && !options.loopback()) {
            throw new IllegalArgumentException("--bind " + bind + ": a non-loopback address needs --secret-file (a"
                    + " shared secret every node of the cluster reads), so no stray node can join or send results");
        }
        return options;
    }

    private static String hostPort(String flag, String value, boolean portRequired) {
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? value : value.substring(0, colon);
        if (host.isEmpty() || (portRequired && colon < 0)) {
            throw new IllegalArgumentException(flag + ": expected HOST:PORT, found '" + value + "'");
        }
        if (colon >= 0) {
            String port = value.substring(colon + 1);
            int number;
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 1 || number > 65_535) {
                throw new IllegalArgumentException(flag + ": port '" + port + "' in '" + value
                        + "' is not a number from 1 to 65535");
            }
        }
        return value;
    }

    private static byte[] secret(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.GROUP_READ)) {
                throw new IllegalArgumentException("--secret-file " + file + ": others can read it; make it yours"
                        + " alone (chmod 600)");
            }
        } catch (UnsupportedOperationException e) {
            bytes = readOrFail(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--secret-file " + file + ": cannot read it ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
        byte[] secret = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("--secret-file " + file + ": holds " + secret.length + " bytes; a"
                    + " secret needs at least " + MIN_SECRET_BYTES + " (e.g. head -c 32 /dev/urandom | base64 > FILE)");
        }
        return secret;
    }

    private static byte[] readOrFail(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--secret-file " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
