package io.nicsim.bench.run.virtual;

import io.nicsim.host.Consumers;
import io.nicsim.host.model.HostModel;
import io.nicsim.host.model.Quantiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostModelFilesTest {

    @Test
    void builtInModelCoversEveryConsumerWithTheMeasuredMedians() {
        HostModel model = HostModelFiles.load("");
        assertThat(model.source()).startsWith("built-in: ");
        assertThat(model.cores()).isEqualTo(2);
        assertThat(model.kinds().keySet()).containsExactlyInAnyOrderElementsOf(Consumers.NAMES);
        assertThat(model.deliver().median()).isEqualTo(270);
        assertThat(model.kind("platform-thread").wake().median()).isEqualTo(8550);
        assertThat(model.kind("virtual-thread").wake().median()).isEqualTo(3550);
        assertThat(model.kind("event-loop").wake().median()).isEqualTo(8330);
        assertThat(model.kind("busy-poll").wake().median()).isZero();
    }

    @Test
    void inverseCdfSamplesFollowTheQuantiles() {
        Quantiles wake = new Quantiles(new double[] {0, 0.5, 0.9, 0.99, 1},
                new long[] {1000, 2000, 4000, 20000, 40000});
        SplittableRandom random = new SplittableRandom(7);
        long[] samples = new long[100_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = wake.sample(random);
        }
        Arrays.sort(samples);
        assertThat(samples[0]).isGreaterThanOrEqualTo(1000);
        assertThat(samples[samples.length - 1]).isLessThanOrEqualTo(40000);
        assertThat(samples[50_000]).isBetween(1950L, 2050L);
        assertThat(samples[90_000]).isBetween(3900L, 4100L);
        assertThat(samples[99_000]).isBetween(19000L, 21000L);
    }

    @Test
    void aFileNamesItselfAndABadOneSaysWhy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, "version: 1\ncores: 4\ndeliverNanos: 100\nirqNanos: 0\ncontextSwitchNanos: 0\nemptyPollNanos: 50\n"
                + "consumers:\n  busy-poll: {wakeNanos: 0, perPacketNanos: 10, perPollNanos: 1, handoffNanos: 0}\n");
        HostModel model = HostModelFiles.load(file.toString());
        assertThat(model.source()).isEqualTo(file.toString());
        assertThat(model.cores()).isEqualTo(4);
        assertThatThrownBy(() -> model.kind("platform-thread")).hasMessageContaining("platform-thread");
        Files.writeString(file, "version: 1\ncores: 4\n");
        assertThatThrownBy(() -> HostModelFiles.load(file.toString()))
                .hasMessageStartingWith("run.hostModel: ").hasMessageContaining("consumers");
    }
}
