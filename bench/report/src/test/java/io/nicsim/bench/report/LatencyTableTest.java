package io.nicsim.bench.report;

import io.nicsim.bench.results.Environment;
import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Pins LatencySummary.of (count and ordered percentiles from a histogram) and the table: one row per run, in
 * microseconds.
 */
class LatencyTableTest {

    @Test
    void summaryOfKnownValues() {
        Histogram histogram = new Histogram(3);
        for (long v = 1; v <= 1_000; v++) {
            histogram.recordValue(v * 1_000); // 1 us .. 1 ms
        }
        LatencySummary summary = LatencySummary.of(histogram);
        assertThat(summary.count()).isEqualTo(1_000);
        assertThat(summary.min()).isCloseTo(1_000L, within(1L));
        assertThat(summary.p50()).isCloseTo(500_000L, within(500L));
        assertThat(summary.p90()).isCloseTo(900_000L, within(900L));
        assertThat(summary.p99()).isCloseTo(990_000L, within(990L));
        assertThat(summary.p999()).isCloseTo(999_000L, within(1_000L));
        assertThat(summary.max()).isCloseTo(1_000_000L, within(1_000L));
        assertThat(summary.mean()).isCloseTo(500_500.0, within(500.0));
        assertOrdered(summary);
    }

    @Test
    void smallValuesAreExact() {
        Histogram histogram = new Histogram(3);
        histogram.recordValue(7);
        histogram.recordValueWithCount(100, 98);
        histogram.recordValue(1_900);
        LatencySummary summary = LatencySummary.of(histogram);
        assertThat(summary).isEqualTo(new LatencySummary(100, 7, 100, 100, 100, 1_900, 1_900,
                Math.round((7 + 9_800 + 1_900) / 100.0 * 10) / 10.0));
    }

    @Test
    void anEmptyHistogramIsAllZero() {
        LatencySummary summary = LatencySummary.of(new Histogram(3));
        assertThat(summary).isEqualTo(new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0.0));
    }

    @Test
    void percentilesAreOrderedForRandomDistributions() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200; i++) {
            Histogram histogram = new Histogram(3);
            int n = random.nextInt(1, 2_000);
            long scale = random.nextLong(1, 10_000_000);
            for (int k = 0; k < n; k++) {
                long value = random.nextInt(10) == 0 ? random.nextLong(0, scale * 100) : random.nextLong(0, scale);
                histogram.recordValue(value);
            }
            LatencySummary summary = LatencySummary.of(histogram);
            assertThat(summary.count()).isEqualTo(n);
            assertOrdered(summary);
            assertThat(summary.mean()).isBetween((double) summary.min() - 0.05, (double) summary.max() + 0.05);
        }
    }

    private static void assertOrdered(LatencySummary s) {
        assertThat(s.min()).isLessThanOrEqualTo(s.p50());
        assertThat(s.p50()).isLessThanOrEqualTo(s.p90());
        assertThat(s.p90()).isLessThanOrEqualTo(s.p99());
        assertThat(s.p99()).isLessThanOrEqualTo(s.p999());
        assertThat(s.p999()).isLessThanOrEqualTo(s.max());
    }

    /** Built through Jackson, as summary.json readers see it, so the test does not pin RunResult's constructor. */
    private static RunResult run(String consumer, LatencySummary notification, long p99Uncorrected, long delivered,
                                 long dropped, long interrupts) {
        LatencySummary uncorrected = new LatencySummary(notification.count(), 0, 0, 0, p99Uncorrected, p99Uncorrected,
                p99Uncorrected, 0);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("consumer", consumer);
        run.put("policy", "per-packet");
        run.put("packets", new RunResult.PacketCounts(delivered + dropped, delivered, dropped,
                dropped == 0 ? Map.of() : Map.of("stranded-in-ring", dropped), delivered));
        run.put("interrupts", interrupts);
        run.put("latencyNanos", new RunResult.Latency(notification, uncorrected, Map.of()));
        RunResult result = new ObjectMapper().convertValue(run, RunResult.class);
        assertThat(result.latencyNanos().notification()).isEqualTo(notification);
        return result;
    }

    @Test
    void theHandlerTableFollowsTheCostsOnlyWhenAUsersHandlerRan() {
        RunResult model = run("busy-poll", new LatencySummary(10, 100, 1_500, 2_000, 9_990, 10_000, 123_456, 0), 0,
                10, 0, 10).withCosts(new io.nicsim.host.cost.RunCosts(1_000, 0, 0, 0, 2_000, 0, 0, 10,
                List.of("nicsim-busy-poll")));
        Summary onlyModel = new Summary("study", false, new Environment("jdk", 4, "os", "cpu"), List.of(model),
                Map.of(), "nicsim run");
        assertThat(LatencyTable.renderHandler(onlyModel)).isEmpty();
        assertThat(LatencyTable.renderCosts(onlyModel)).doesNotContain("handler");

        RunResult user = run("platform-thread", new LatencySummary(10, 100, 1_500, 2_000, 9_990, 10_000, 123_456, 0),
                0, 90, 10, 100).withCosts(new io.nicsim.host.cost.RunCosts(1_000, 0, 0, 0, 2_000, 0, 0, 90,
                List.of("nicsim-platform-thread")).withHandler(new io.nicsim.host.cost.HandlerCosts(
                "com.example.Parser", "async", 90, 1_250, 30_500, 48, 4_800, 32, "run")))
                .withHandler(new io.nicsim.bench.results.HandlerReport("com.example.Parser", "async", 10,
                        "IOException: refused", 0, List.of(), null));
        Summary both = new Summary("study", false, new Environment("jdk", 4, "os", "cpu"), List.of(model, user),
                Map.of(), "nicsim run");
        List<String> lines = LatencyTable.renderHandler(both).lines().toList();
        assertThat(lines.get(0)).contains("CPU us/pkt", "blocked us/pkt", "alloc B/pkt", "alloc MB/s", "errors",
                "timeouts");
        assertThat(lines.get(1).trim().split("\\s+")).containsExactly("platform-thread", "Parser", "async", "1.25",
                "30.5", "48.0", "0.0", "10", "0");
        assertThat(lines).hasSize(4).endsWith("measured around each call in the run (CPU read on 1 call in 32)",
                "platform-thread: first handler error: IOException: refused");
        assertThat(LatencyTable.renderCosts(both)).contains("consumer CPU", "handler per packet");
    }

    @Test
    void theStudyTableShowsSyscallsPerPacketMarkingEstimatesAndTheCarriersPinned() {
        io.nicsim.host.cost.SyscallCosts exact = io.nicsim.host.cost.SyscallCosts.of(List.of(
                new io.nicsim.host.cost.SyscallCosts.Figure("waits", 0.6, true, "counted"),
                new io.nicsim.host.cost.SyscallCosts.Figure("reads+writes", 0.6, true, "/proc io"),
                new io.nicsim.host.cost.SyscallCosts.Figure("wake-ups", 1.0, true, "counted")));
        io.nicsim.host.cost.SyscallCosts estimated = io.nicsim.host.cost.SyscallCosts.of(List.of(
                new io.nicsim.host.cost.SyscallCosts.Figure("waits", 0.5, false, "switches"),
                new io.nicsim.host.cost.SyscallCosts.Figure("reads+writes", Double.NaN, false, "not measured"),
                new io.nicsim.host.cost.SyscallCosts.Figure("wake-ups", 0.5, false, "one per wait")));
        LatencySummary latency = new LatencySummary(10, 100, 1_500, 2_000, 9_990, 10_000, 123_456, 0);
        RunResult epoll = run("epoll-virtual-thread", latency, 0, 10, 0, 10).withCosts(
                new io.nicsim.host.cost.RunCosts(1_000, 0.5, 0, 0, 2_000, 0, 0, 10, List.of("ForkJoinPool-1-w"))
                        .withKernel(exact, new io.nicsim.host.cost.CarrierCosts(2, 1, 1, 0.82, "counted")));
        RunResult park = run("platform-thread", latency, 0, 10, 0, 10).withCosts(
                new io.nicsim.host.cost.RunCosts(1_000, 0.5, 0, 0, 2_000, 0, 0, 10, List.of("nicsim-platform"))
                        .withKernel(estimated, null));
        Summary summary = new Summary("study", false, new Environment("jdk", 4, "os", "cpu"), List.of(epoll, park),
                Map.of(), "nicsim compare");

        List<String> study = LatencyTable.renderStudy(summary).lines().toList();
        assertThat(study.get(0)).contains("syscalls/pkt", "pinned");
        assertThat(study.get(1)).contains(" 2.200 ", " 1/2 ");
        assertThat(study.get(2)).contains(" ~1.000 ", " - ");
        List<String> syscalls = LatencyTable.renderSyscalls(summary).lines().toList();
        assertThat(syscalls.get(1).trim().split("\\s+")).containsExactly("epoll-virtual-thread", "0.600", "0.600",
                "1.000", "2.200", "exact");
        assertThat(syscalls.get(2).trim().split("\\s+")).containsExactly("platform-thread", "~0.500", "-", "~0.500",
                "~1.000", "estimated", "(~)");
        assertThat(syscalls).contains("  waits: counted", "  wake-ups: one per wait")
                .endsWith("carriers (virtual threads): epoll-virtual-thread: at most 1 of 2 carriers pinned (0.82 on"
                        + " average); 1 carrier thread alive at the end");
        assertThat(LatencyTable.renderCosts(summary)).contains("syscalls per packet");
    }

    @Test
    void saysHowTheHandlersFiguresWereMeasured() {
        assertThat(LatencyTable.measuredBy(new io.nicsim.host.cost.HandlerCosts("a.B", "sync", 20_000, 5_677, 0, 69,
                2_500_000, 1, "probe"))).isEqualTo("measured by the virtual-time probe before the run (20,000 calls on"
                + " a thread of its own): the model charged these figures");
        assertThat(LatencyTable.measuredBy(new io.nicsim.host.cost.HandlerCosts("a.B", "sync", 9, 1, 0, 0, 0, 1,
                "run"))).isEqualTo("measured around each call in the run");
    }

    @Test
    void rendersOneRowPerRunInMicroseconds() {
        Summary summary = new Summary("study", false, new Environment("jdk", 4, "os", "cpu"), List.of(
                run("busy-poll", new LatencySummary(10, 100, 1_500, 2_000, 9_990, 10_000, 123_456, 0), 7_250, 1_234_567,
                        0, 42),
                run("event-loop", new LatencySummary(10, 100, 15_000, 20_000, 999_949, 1_000_000, 2_500_000, 0), 0, 5,
                        3, 1_000_000)),
                Map.of(), "nicsim run");

        List<String> lines = LatencyTable.render(summary).lines().toList();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).split("\\s+")).startsWith("consumer", "p50", "us");
        assertThat(lines.get(0)).contains("p99.9 us", "p99 uncorr us", "packets", "drops", "interrupts");
        assertThat(lines.get(1).trim().split("\\s+")).containsExactly(
                "busy-poll", "1.50", "2.00", "9.99", "10.0", "123.5", "7.25", "1,234,567", "0", "42");
        assertThat(lines.get(2).trim().split("\\s+")).containsExactly(
                "event-loop", "15.0", "20.0", "999.9", "1,000", "2,500", "0.00", "5", "3", "1,000,000");
    }

    @Test
    void theJitterTableJudgesEachRunsP99AndIsEmptyWithoutAProbe() {
        RunResult plain = run("busy-poll", new LatencySummary(10, 100, 1_500, 2_000, 9_990, 10_000, 123_456, 0),
                7_250, 1_234_567, 0, 42);
        Summary none = new Summary("study", false, new Environment("jdk", 4, "os", "cpu"), List.of(plain), Map.of(),
                "nicsim run");
        assertThat(LatencyTable.renderJitter(none)).isEmpty();

        LatencySummary late = new LatencySummary(1_000, 3_000, 55_000, 58_000, 70_000, 2_000_000, 5_000_000, 60_000);
        assertThat(LatencyTable.jitterVerdict(new io.nicsim.bench.results.PlatformJitter(1_000_000, late, 0.02),
                9_990)).startsWith("within the platform's jitter");
        assertThat(LatencyTable.jitterVerdict(new io.nicsim.bench.results.PlatformJitter(1_000_000, late, 0.004),
                9_990)).isEqualTo("the consumer's: the platform lost only 0.40% of the time");
        assertThat(LatencyTable.jitterVerdict(new io.nicsim.bench.results.PlatformJitter(1_000_000, late, 0.02),
                9_000_000)).isEqualTo("the consumer's: longer than any platform stall");
    }

    @Test
    void aSummaryWithoutRunsIsJustTheHeader() {
        Summary summary = new Summary("empty", true, new Environment("jdk", 1, "os", "cpu"), List.of(), Map.of(), "");
        assertThat(LatencyTable.render(summary).lines().toList()).singleElement().asString().startsWith("consumer");
    }

    @Test
    void microsecondFormatting() {
        assertThat(LatencyTable.micros(0)).isEqualTo("0.00");
        assertThat(LatencyTable.micros(999)).isEqualTo("1.00");
        assertThat(LatencyTable.micros(9_994)).isEqualTo("9.99");
        assertThat(LatencyTable.micros(10_000)).isEqualTo("10.0");
        assertThat(LatencyTable.micros(999_900)).isEqualTo("999.9");
        assertThat(LatencyTable.micros(1_000_000)).isEqualTo("1,000");
        assertThat(LatencyTable.micros(12_345_678_901L)).isEqualTo("12,345,679");
        assertThat(LatencyTable.count(1_234_567)).isEqualTo("1,234,567");
    }

    @Test
    void aRunPlayedInRoundsShowsItsMediansInTheStudyTableAndTheirRangesBeside() {
        LatencySummary pooled = new LatencySummary(30, 100, 2_000, 3_000, 50_000, 60_000, 70_000, 0);
        RunResult run = run("busy-poll", pooled, 50_000, 30, 0, 30).withRounds(io.nicsim.bench.results.Rounds.of(
                List.of(round(1, 0, 1_000, 9_000), round(2, 1, 1_200, 90_000), round(3, 0, 1_100, 10_000))));
        Summary summary = new Summary("study", false, new Environment("jdk", 2, "os", "cpu"), List.of(run), Map.of(),
                "nicsim run");

        assertThat(LatencyTable.renderStudy(summary).lines().skip(1).findFirst().orElseThrow())
                .as("the medians over rounds, not the pooled 2.00 / 50.0").contains(" 1.10 ").contains(" 10.0 ");
        assertThat(LatencyTable.renderRounds(summary)).contains("3 rounds, us")
                .contains("1.10 (1.00..1.20)").contains("10.0 (9.00..90.0)").contains("1, 2, 1");
        assertThat(LatencyTable.renderRounds(new Summary("study", false, new Environment("jdk", 2, "os", "cpu"),
                List.of(run("busy-poll", pooled, 0, 30, 0, 30)), Map.of(), "nicsim run"))).isEmpty();
    }

    private static io.nicsim.bench.results.Rounds.Round round(int number, int position, long p50, long p99) {
        return new io.nicsim.bench.results.Rounds.Round(number, position,
                new LatencySummary(10, 100, p50, p50, p99, p99, p99, 0),
                new RunResult.PacketCounts(10, 10, 0, Map.of(), 10), 10, null, Map.of(), null);
    }
}
