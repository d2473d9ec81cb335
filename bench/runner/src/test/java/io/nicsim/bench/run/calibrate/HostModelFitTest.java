package io.nicsim.bench.run.calibrate;

import io.nicsim.bench.run.virtual.HostModelFiles;
import io.nicsim.host.Consumers;
import io.nicsim.host.model.HostModel;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fit and the file on fixed probes: no timing. */
class HostModelFitTest {

    private static final Machine MACHINE = new Machine("Test CPU @ 1.00GHz", 2, "25+1", LocalDate.of(2026, 12, 5),
            "nicsim calibrate --duration 1s");

    /** A histogram of {@code count} values spread evenly over [from, to]. */
    private static Histogram spread(long from, long to, int count) {
        Histogram histogram = new Histogram(3);
        for (int i = 0; i < count; i++) {
            histogram.recordValue(from + (to - from) * i / Math.max(1, count - 1));
        }
        return histogram;
    }

    private static Probe probe(String kind, double rate, long deliverFrom, long wakeFrom, double cpu, double wakeups) {
        return new Probe(kind, rate, 1000, spread(300, 900, 1000), spread(deliverFrom, deliverFrom * 3, 1000),
                spread(0, wakeFrom * 3, 1000), spread(wakeFrom, wakeFrom * 3, 1000), spread(500, 700, 1000), cpu,
                wakeups, 0.01);
    }

    private static List<Probe> probes() {
        return List.of(
                // cpu = 600 + w x 2500: perPacketNanos 600, perPollNanos 2500 - contextSwitchNanos (500) = 2000
                probe("platform-thread", 20_000, 1000, 8000, 600 + 0.9 * 2500, 0.9),
                probe("platform-thread", 200_000, 5000, 100, 600 + 0.2 * 2500, 0.2),
                probe("busy-poll", 200_000, 900, 50, 5000, 0),
                probe("busy-poll", 20_000, 1000, 50, 50_000, 0),
                // the same wake-ups at both rates: perPacketNanos from the handle stage
                probe("virtual-thread", 20_000, 1000, 3000, 3000, 0.5),
                probe("virtual-thread", 200_000, 1000, 3000, 2000, 0.5));
    }

    @Test
    void twoRatesGiveThePerPacketAndPerPollCpu() {
        HostModelFit.Model model = HostModelFit.fit(probes(), MACHINE, "plan", HostModelFiles.builtInTree());
        HostModelFit.Kind platform = model.kinds().get("platform-thread");
        assertThat(platform.perPacketNanos()).isEqualTo(600);
        assertThat(platform.perPollNanos()).isEqualTo(2000);
        assertThat(platform.fit()).startsWith("two rates");
        // the lowest rate's wake-ups, not its per-packet wake stage: 8000 .. 24000 evenly
        assertThat(platform.wake().at("min")).isBetween(7_990L, 8_000L);
        assertThat(platform.wake().at("p50")).isBetween(15_900L, 16_100L);
        assertThat(platform.wake().at("max")).isBetween(23_900L, 24_100L);
        // busy-poll never sleeps: its "wake-up" is the hold stage (300 .. 900), its per packet the handle stage
        HostModelFit.Kind busy = model.kinds().get("busy-poll");
        assertThat(busy.wake().at("p50")).isBetween(595L, 605L);
        assertThat(busy.perPacketNanos()).isBetween(595L, 605L);
        // no spread in wake-ups: handle p50, and the rest of the higher rate's CPU per wake-up
        HostModelFit.Kind virtual = model.kinds().get("virtual-thread");
        assertThat(virtual.perPacketNanos()).isBetween(595L, 605L);
        assertThat(virtual.perPollNanos()).isBetween(2_280L, 2_320L); // (2000 - 600) / 0.5 - 500
        // delivery: the lowest rate's probes merged (1000 .. 3000 evenly)
        assertThat(model.deliver().at("min")).isEqualTo(1000);
        assertThat(model.deliver().at("p50")).isBetween(1990L, 2010L);
    }

    @Test
    void waitsOverTheStallThresholdAreLeftOutAndCountedPerSecond() {
        Histogram wakeUps = spread(4_000, 6_000, 990);
        wakeUps.recordValueWithCount(2_000_000, 10); // ten 2 ms stalls in the probe's 0.05 s
        Probe low = new Probe("platform-thread", 20_000, 1000, spread(300, 900, 1000), spread(1000, 3000, 1000),
                wakeUps, wakeUps, spread(500, 700, 1000), 3000, 0.9, 0.01);
        HostModelFit.Kind kind = HostModelFit.fitKind("platform-thread", List.of(low), 500,
                HostModelFiles.builtInTree().get("consumers").get("platform-thread"));
        assertThat(kind.wake().at("max")).isLessThanOrEqualTo(6_010L);
        assertThat(kind.wake().at("p99")).isLessThanOrEqualTo(6_010L);
        assertThat(kind.stallsPerSecond()).isCloseTo(200.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(kind.wakeHistogram().getMaxValue()).isGreaterThan(HostModelFit.STALL_ABOVE_NANOS);
    }

    @Test
    void timedWaitsGiveTheSlackAndEachKindsWaitCpu(@TempDir Path dir) throws Exception {
        TimedWaits waits = new TimedWaits(new TimedWaits.Wait("a platform thread", spread(58_000, 62_000, 1000), 7_000),
                new TimedWaits.Wait("a virtual thread", spread(60_000, 70_000, 1000), 9_000),
                new TimedWaits.Wait("an event loop", spread(1_000, 2_000, 1000), 40_000));
        HostModelFit.Model model = HostModelFit.fit(probes(), waits, MACHINE, "plan", HostModelFiles.builtInTree());
        // lateness less the platform-thread median wake-up (8000 .. 24000 evenly: 16000)
        assertThat(model.timerSlack().at("min")).isBetween(41_900L, 42_100L);
        assertThat(model.timerSlack().at("max")).isBetween(45_900L, 46_100L);
        assertThat(model.kinds().get("platform-thread").timedWaitNanos()).isEqualTo(7_000);
        assertThat(model.kinds().get("virtual-thread").timedWaitNanos()).isEqualTo(9_000);
        assertThat(model.kinds().get("busy-poll").timedWaitNanos()).isZero();
        assertThat(HostModelFit.timedWait(model.kinds().get("platform-thread"), waits).timedWaitFrom())
                .contains("platform thread");

        Path file = dir.resolve("host-model.yaml");
        Files.writeString(file, HostModelWriter.yaml(model));
        HostModel loaded = HostModelFiles.load(file.toString());
        assertThat(loaded.kind("virtual-thread").timedWaitNanos()).isEqualTo(9_000);
        assertThat(loaded.kind("event-loop").timedWaitNanos()) // not probed: the built-in model's
                .isEqualTo(HostModelFiles.load("").kind("event-loop").timedWaitNanos());
        assertThat(loaded.timerSlack().median()).isBetween(43_900L, 44_100L);
        // without timed waits: the built-in slack, and a wait costs a context switch
        HostModelFit.Model assumed = HostModelFit.fit(probes(), MACHINE, "plan", HostModelFiles.builtInTree());
        assertThat(assumed.timerSlack()).isNull();
        assertThat(assumed.kinds().get("platform-thread").timedWaitNanos()).isEqualTo(500);
    }

    @Test
    void writtenFileLoadsAndKeepsTheHistograms(@TempDir Path dir) throws Exception {
        HostModelFit.Model model = HostModelFit.fit(probes(), MACHINE, "6 paced runs", HostModelFiles.builtInTree());
        String yaml = HostModelWriter.yaml(model);
        assertThat(yaml).startsWith("# nicsim host model").contains("version: 1\n")
                .contains("Test CPU @ 1.00GHz, 2 cores").contains("25+1").contains("2026-12-05")
                .contains("nicsim calibrate --duration 1s").contains("\nmeasured:\n");
        Path file = dir.resolve("host-model.yaml");
        Files.writeString(file, yaml);

        HostModel loaded = HostModelFiles.load(file.toString());
        HostModel builtIn = HostModelFiles.load("");
        assertThat(loaded.cores()).isEqualTo(2);
        assertThat(loaded.kinds().keySet()).containsExactlyInAnyOrderElementsOf(Consumers.NAMES);
        assertThat(loaded.kind("platform-thread").perPollNanos()).isEqualTo(2000);
        assertThat(loaded.kind("platform-thread").wake().median()).isBetween(15_900L, 16_100L);
        assertThat(loaded.deliver().median()).isBetween(1990L, 2010L);
        // assumed figures and kinds not probed: the built-in model's
        assertThat(loaded.irqNanos()).isEqualTo(builtIn.irqNanos());
        assertThat(loaded.contextSwitchNanos()).isEqualTo(builtIn.contextSwitchNanos());
        assertThat(loaded.kind("event-loop").perPollNanos()).isEqualTo(builtIn.kind("event-loop").perPollNanos());
        assertThat(loaded.kind("event-loop").wake().median()).isEqualTo(builtIn.kind("event-loop").wake().median());

        var tree = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml);
        Histogram wake = HostModelWriter.decode(tree.at("/measured/histograms/wakeNanos/platform-thread").asText());
        assertThat(wake).isEqualTo(model.kinds().get("platform-thread").wakeHistogram());
        Histogram deliver = HostModelWriter.decode(tree.at("/measured/histograms/deliverNanos").asText());
        assertThat(deliver.getTotalCount()).isEqualTo(3000);
        assertThat(tree.at("/measured/runs")).hasSize(6);
    }

    @Test
    void cpuModelIsTheFirstModelName(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: Intel(R)  Xeon(R) Processor\n"
                + "processor\t: 1\nmodel name\t: other\n");
        assertThat(Machine.cpuModel(cpuinfo)).isEqualTo("Intel(R) Xeon(R) Processor");
        assertThat(Machine.cpuModel(dir.resolve("none"))).contains("no /proc/cpuinfo");
    }
}
