package io.nicsim.bench.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The Hazelcast member configuration of every nicsim node, built in code (no XML, no file on the class path): a TCP-IP
 * join with exactly the members named, multicast and auto-detection off, nothing that calls outside (phone-home, Jet,
 * metrics for Management Center), the member port bound to the one address of {@code --bind}, and a cluster name
 * derived from the shared secret, so a node without it is not even in the same Hazelcast cluster.
 */
public final class HazelcastSettings {

    /** The cluster name of nodes without a secret (loopback only). */
    public static final String OPEN_CLUSTER_NAME = "nicsim";
    /** Partitions of Vert.x's few small maps: fewer than Hazelcast's 271 make joins and migrations quicker. */
    static final int PARTITIONS = 23;
    /** How many ports from 5701 a node without a port tries before it gives up. */
    static final int PORT_COUNT = 100;

    private HazelcastSettings() {
    }

    /** @return the member configuration of a node joining with {@code options} */
    public static Config config(ClusterOptions options) {
        Config config = new Config();
        config.setClusterName(clusterName(options.secret()));
        config.setInstanceName("nicsim-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(options.bindPort() == 0 ? ClusterOptions.FIRST_PORT : options.bindPort());
        network.setPortAutoIncrement(options.bindPort() == 0);
        network.setPortCount(PORT_COUNT);
        network.setReuseAddress(true); // Linux: a port whose last connections are in TIME_WAIT can be listened on again
        // the address is named through hazelcast.local.localAddress below: interfaces matching would also filter
        // the members' addresses (a member on another machine does not match this machine's interface)
        network.getInterfaces().setEnabled(false);
        network.getRestApiConfig().setEnabled(false);
        network.getMemcacheProtocolConfig().setEnabled(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(options.members()).setConnectionTimeoutSeconds(2);
        config.getJetConfig().setEnabled(false);
        config.getMetricsConfig().setEnabled(false);
        properties(config, options.bindHost());
        return config;
    }

    private static void properties(Config config, String bindHost) {
        config.setProperty("hazelcast.local.localAddress", bindHost);
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.socket.server.bind.any", "false");
        config.setProperty("hazelcast.socket.client.bind.any", "false");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.jmx", "false");
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        config.setProperty("hazelcast.security.recommendations", "false");
        config.setProperty("hazelcast.partition.count", Integer.toString(PARTITIONS));
        // joins in well under a second on loopback: no waiting for more members before or after the first join
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.initial.wait.seconds", "0");
        // a map operation that meets a migration (one each join) retries after 50 ms, not 500
        config.setProperty("hazelcast.invocation.retry.pause.millis", "50");
        // two clusters that formed apart (a worker started before its coordinator) find each other within seconds
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "3");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "3");
        // a member whose process died is removed at once (its connection breaks); a silent one within 15 s
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "5");
    }

    /**
     * @param secret the shared secret, or null
     * @return {@value #OPEN_CLUSTER_NAME} without a secret, else {@code nicsim-} and the first 16 hex digits of
     *         HMAC-SHA256(secret, "cluster-name"): only nodes holding the secret know it
     */
    public static String clusterName(byte[] secret) {
        if (secret == null) {
            return OPEN_CLUSTER_NAME;
        }
        try {
            Mac mac = Mac.getInstance(MessageSeal.ALGORITHM);
            mac.init(new SecretKeySpec(secret, MessageSeal.ALGORITHM));
            byte[] digest = mac.doFinal("cluster-name".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return OPEN_CLUSTER_NAME + "-" + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JDK", e);
        }
    }
}
