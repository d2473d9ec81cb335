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
        assertThat(model.deliver().median()).isEqualTo(1104);
        assertThat(model.kind("platform-thread").wake().median()).isEqualTo(6831);
        assertThat(model.kind("virtual-thread").wake().median()).isEqualTo(7275);
        assertThat(model.kind("event-loop").wake().median()).isEqualTo(8187);
        assertThat(model.kind("busy-poll").wake().median()).isEqualTo(962); // its queue hop, not a wake-up
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
        Files.writeString(file, "version: 1\ncores: 4\ndeliverNanos: 100\nirqNanos: 0\ncontextSwitchNanos: 0\n"
                + "emptyPollNanos: 50\n"
                + "consumers:\n  busy-poll: {wakeNanos: 0, perPacketNanos: 10, perPollNanos: 1, handoffNanos: 0}\n");
        HostModel model = HostModelFiles.load(file.toString());
        assertThat(model.source()).isEqualTo(file.toString());
        assertThat(model.cores()).isEqualTo(4);
        assertThatThrownBy(() -> model.kind("platform-thread")).hasMessageContaining("platform-thread");
        Files.writeString(file, "version: 1\ncores: 4\n");
        assertThatThrownBy(() -> HostModelFiles.load(file.toString()))
                .hasMessageStartingWith("run.hostModel: ").hasMessageContaining("consumers");
    }

    private static final String GOOD = "version: 1\ncores: 2\ndeliverNanos: {min: 100, p50: 200, max: 900}\n"
            + "irqNanos: 0\ncontextSwitchNanos: 0\nemptyPollNanos: 50\n"
            + "consumers:\n  busy-poll: {wakeNanos: 0, perPacketNanos: 10, perPollNanos: 1, handoffNanos: 0}\n";

    private static String refusal(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> HostModelFiles.load(file.toString()));
        assertThat(error).isInstanceOf(IllegalArgumentException.class);
        assertThat(error.getMessage()).startsWith("run.hostModel: cannot read host model " + file + ": ")
                .doesNotContain("\n");
        return error.getMessage();
    }

    @Test
    void versionIsRequiredAndMustBeThisOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, GOOD);
        assertThat(HostModelFiles.load(file.toString()).cores()).isEqualTo(2);
        assertThat(refusal(file, GOOD.replace("version: 1\n", ""))).contains("missing 'version'");
        assertThat(refusal(file, GOOD.replace("version: 1", "version: 2"))).contains("version 2 is not one");
        assertThat(refusal(file, GOOD.replace("version: 1", "version: one"))).contains("version \"one\"");
    }

    @Test
    void badFilesAreOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.yaml");
        assertThat(refusal(file, "version: 1\ncores: [2\n  x: {")).contains("line");
        assertThat(refusal(file, "- just\n- a list\n")).contains("expected a mapping");
        assertThat(refusal(file, GOOD.replace("irqNanos: 0", "irqNanos: -5"))).contains("'irqNanos'", ">= 0");
        assertThat(refusal(file, GOOD.replace("p50: 200", "p50: -200"))).contains("deliverNanos.p50", ">= 0");
        assertThat(refusal(file, GOOD.replace("perPacketNanos: 10", "perPacketNanos: -10")))
                .contains("consumers.busy-poll.perPacketNanos");
        assertThat(refusal(file, GOOD.replace("wakeNanos: 0", "wakeNanos: -1"))).contains("wakeNanos", ">= 0");
        assertThat(refusal(file, GOOD.replace("p50: 200", "q50: 200"))).contains("expected min, max or pNN");
        assertThat(refusal(file, GOOD.replace("p50: 200, max: 900", "p50: 200, max: 150"))).contains("ascend");
        assertThatThrownBy(() -> HostModelFiles.load(dir.resolve("absent.yaml").toString()))
                .hasMessage("run.hostModel: cannot read host model " + dir.resolve("absent.yaml") + ": no such file");
    }
}
