package io.nicsim.bench.perf;

import io.nicsim.bench.run.MachineLoad;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.Units;
import io.nicsim.host.consumer.BusyPollConsumer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nicsim bench pacing}: how closely the device thread keeps to the schedule in real time. For each rate, one
 * nicsim run (the floor's configuration: per-packet firmware, MAC polled continuously, busy-poll consumer), then the
 * descriptor journal is read back and each packet's device lag ({@code appended - written back}: the wall-clock time
 * its record was appended minus the model time it was due, see {@link JournalLateness}) goes into a histogram. The
 * model's own stamps cannot be late (the device keeps exact model time); this is what the consumer under test sees
 * of the device thread losing its core.
 */
public final class PacingBenchmark {

    /** Target: device lag p50 below this at 100k pps. */
    public static final long TARGET_P50_NANOS = 1_000;
    public static final double TARGET_RATE = 100_000;
    /** Tries of a rate while other processes take CPU during it. */
    static final int MAX_ATTEMPTS = 3;

    public record Options(String kind, List<Double> ratesPerSecond, long seed, long warmupNanos, long durationNanos) {
    }

    public record RateResult(double ratePerSecond, LatencyFigures lateness, long generated, long delivered,
                             long journalDescriptors, boolean inOrder, double otherCores, long jitMillis) {
    }

    public record Result(Options options, List<RateResult> rates) {
    }

    private PacingBenchmark() {
    }

    public static Result run(Options options, PrintWriter progress) throws Exception {
        List<RateResult> results = new ArrayList<>();
        try (ScratchDir scratch = ScratchDir.create("pacing")) {
            // Not counted: on 2 cores the JIT compilers can only run by preempting the device thread, so they
            // compile the path first.
            progress.println("JIT warm-up run, not counted ...");
            progress.flush();
            Pacing warm = new Pacing(options.kind(), options.ratesPerSecond().getFirst(), options.seed(),
                    options.warmupNanos(), FloorBenchmark.JIT_WARMUP_NANOS);
            Path warmQueues = scratch.resolve("warmup");
            try {
                NicsimPath.run(NicsimPath.scenario(warm, BusyPollConsumer.NAME, FloorBenchmark.NICSIM_OVERRIDES),
                        BusyPollConsumer.NAME, warmQueues);
            } finally {
                ScratchDir.delete(warmQueues);
            }
            for (double rate : options.ratesPerSecond()) {
                progress.printf("%s %s pps: %s warm-up + %s measured ...%n", options.kind(), Format.rate(rate),
                        Units.formatDuration(options.warmupNanos()), Units.formatDuration(options.durationNanos()));
                progress.flush();
                Pacing pacing = new Pacing(options.kind(), rate, options.seed(), options.warmupNanos(),
                        options.durationNanos());
                Scenario scenario = NicsimPath.scenario(pacing, BusyPollConsumer.NAME, FloorBenchmark.NICSIM_OVERRIDES);
                Path queues = scratch.resolve("rate-" + results.size());
                RateResult result = null;
                for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                    MachineLoad.awaitQuiet(FloorBenchmark.QUIET_WAIT_NANOS, progress);
                    try {
                        MachineLoad.Sample load = MachineLoad.sample();
                        RunResult run = NicsimPath.run(scenario, BusyPollConsumer.NAME, queues);
                        MachineLoad.Usage usage = MachineLoad.since(load);
                        JournalLateness journal = JournalLateness.read(queues, options.warmupNanos());
                        result = new RateResult(rate, LatencyFigures.of(journal.deviceLag()), run.packets().generated(),
                                run.packets().delivered(), journal.descriptors(), journal.inOrder(), usage.otherCores(),
                                usage.jitMillis());
                    } finally {
                        ScratchDir.delete(queues);
                    }
                    if (result.otherCores() < Format.BUSY_NEIGHBOUR_CORES) {
                        break;
                    }
                    progress.printf("  other processes used %s cores during the run%s%n",
                            Format.cores(result.otherCores()), attempt < MAX_ATTEMPTS ? ": again" : "");
                }
                results.add(result);
            }
        }
        return new Result(options, List.copyOf(results));
    }

    static String header(Result result) {
        return String.format("pacing: the device thread's lag behind the schedule (appended - written back: the wall"
                        + " clock when each descriptor's record was appended minus the model time it was due) from the"
                        + " descriptor journal of one nicsim run per rate (per-packet firmware, MAC polled"
                        + " continuously, busy-poll consumer); %s traffic, seed %d, %s warm-up (excluded) + %s"
                        + " measured",
                result.options().kind(), result.options().seed(), Units.formatDuration(result.options().warmupNanos()),
                Units.formatDuration(result.options().durationNanos()));
    }

    static TextTable table(Result result) {
        TextTable table = new TextTable("rate pps", "p50 us", "p90 us", "p99 us", "p99.9 us", "max us", "measured",
                "delivered/generated", "others' cpu", "jit ms");
        for (RateResult r : result.rates()) {
            LatencyFigures l = r.lateness();
            table.row(Format.rate(r.ratePerSecond()), Format.micros(l.p50()), Format.micros(l.p90()),
                    Format.micros(l.p99()), Format.micros(l.p999()), Format.micros(l.max()), Format.count(l.count()),
                    Format.count(r.delivered()) + "/" + Format.count(r.generated()), Format.cores(r.otherCores()),
                    Long.toString(r.jitMillis()));
        }
        return table;
    }

    static List<String> targets(Result result) {
        return result.rates().stream().filter(r -> r.ratePerSecond() == TARGET_RATE).map(r -> String.format(
                "target device lag p50 < %s us at %s pps: %s us, %s", Format.micros(TARGET_P50_NANOS),
                Format.rate(TARGET_RATE), Format.micros(r.lateness().p50()),
                r.lateness().p50() < TARGET_P50_NANOS ? "met" : "missed")).toList();
    }

    public static String text(Result result) {
        StringBuilder out = new StringBuilder();
        out.append(header(result)).append("\n\n").append(table(result).text()).append('\n');
        targets(result).forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    public static String markdown(Result result) {
        StringBuilder out = new StringBuilder();
        out.append(header(result)).append(".\n\n").append(table(result).markdown()).append('\n');
        targets(result).forEach(line -> out.append("- ").append(line).append('\n'));
        return out.toString();
    }
}
