package io.nicsim.bench.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The member configuration: the members named only, one address, nothing called outside, the secret's name. */
class HazelcastSettingsTest {

    private static final byte[] SECRET = "a secret of more than sixteen bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void itJoinsTheNamedMembersOnlyOnTheBoundAddressAndCallsNothingOutside() {
        Config config = HazelcastSettings.config(new ClusterOptions(List.of("10.0.0.2:5701", "10.0.0.3:5701"),
                "10.0.0.1", 5801, SECRET));
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.2:5701", "10.0.0.3:5701");
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getAwsConfig().isEnabled()).isFalse();
        assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(5801);
        assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
        assertThat(config.getProperty("hazelcast.local.localAddress")).isEqualTo("10.0.0.1");
        assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.socket.server.bind.any")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(config.getJetConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getRestApiConfig().isEnabled()).isFalse();
    }

    @Test
    void withoutAPortItTakesTheFirstFreeFrom5701() {
        Config config = HazelcastSettings.config(new ClusterOptions(List.of("127.0.0.1:5701"), "127.0.0.1", 0, null));
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(ClusterOptions.FIRST_PORT);
        assertThat(config.getNetworkConfig().isPortAutoIncrement()).isTrue();
        assertThat(config.getClusterName()).isEqualTo("nicsim");
    }

    @Test
    void theClusterNameComesFromTheSecretSoNodesWithoutItAreInAnotherCluster() {
        String name = HazelcastSettings.clusterName(SECRET);
        assertThat(name).matches("nicsim-[0-9a-f]{16}").isEqualTo(HazelcastSettings.clusterName(SECRET.clone()));
        assertThat(HazelcastSettings.clusterName("another secret, just as long".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(name);
        assertThat(HazelcastSettings.clusterName(null)).isEqualTo(HazelcastSettings.OPEN_CLUSTER_NAME);
    }
}
