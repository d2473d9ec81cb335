package io.nicsim.bench.run.calibrate;

import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.run.ConsumerRun;
import io.nicsim.bench.run.Progress;
import io.nicsim.bench.run.RunOptions;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.bench.scenario.Units;
import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.Consumers;
import io.nicsim.host.cost.RunCosts;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.Stage;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the calibration probes: for each kind and rate a short paced (hardware in the loop) run of the built-in
 * study's scenario with per-packet firmware and poisson traffic, in this JVM, one after another, no run folder.
 */
public final class Calibration {

    /** The rates probed by default: low (nearly every packet wakes a sleeper) and high (the CPU fit's second point). */
    public static final List<Double> DEFAULT_RATES = List.of(20_000.0, 200_000.0);
    /** Measured time per probe by default: 12 kinds x 2 rates take about 4 minutes in all. */
    public static final long DEFAULT_DURATION_NANOS = 8_000_000_000L;
    /** The longest warm-up of a probe; shorter probes warm up for a quarter of their measured time. */
    static final long MAX_WARMUP_NANOS = 1_000_000_000L;
    /** What a probe costs besides its traffic, roughly: starting and stopping threads, draining, queue files. */
    static final long OVERHEAD_NANOS = 400_000_000L;

    /**
     * What to probe.
     *
     * @param kinds          consumer kinds and shapes
     * @param rates          traffic rates, packets per second
     * @param durationNanos  measured time per probe
     */
    public record Plan(List<String> kinds, List<Double> rates, long durationNanos) {

        public Plan {
            kinds = List.copyOf(kinds);
            rates = rates.stream().sorted().toList();
            if (kinds.isEmpty() || rates.isEmpty() || durationNanos <= 0) {
                throw new IllegalArgumentException("a calibration needs kinds, rates and a duration");
            }
        }

        /** Every kind at the default rates. */
        public static Plan full(long durationNanos) {
            return new Plan(Consumers.NAMES, DEFAULT_RATES, durationNanos);
        }

        /** @return each probe's warm-up */
        public long warmupNanos() {
            return Math.min(MAX_WARMUP_NANOS, durationNanos / 4);
        }

        public int probes() {
            return kinds.size() * rates.size();
        }

        /** @return about how long the whole calibration takes */
        public long plannedNanos() {
            return probes() * (ConsumerRun.plannedNanos(warmupNanos(), durationNanos) + OVERHEAD_NANOS);
        }

        /** @return the plan in words, for the file and the screen */
        public String describe() {
            StringBuilder rateList = new StringBuilder();
            for (double rate : rates) {
                rateList.append(rateList.isEmpty() ? "" : " and ").append(rate(rate));
            }
            return String.format(Locale.ROOT, "%d paced runs (%d kinds x %s pps), per-packet firmware, poisson"
                    + " traffic, %s warm-up + %s measured each", probes(), kinds.size(), rateList,
                    Units.formatDuration(warmupNanos()), Units.formatDuration(durationNanos));
        }
    }

    private final NanoClock clock;
    private final Progress progress;
    private final StopSignal stop;

    public Calibration(NanoClock clock, Progress progress, StopSignal stop) {
        this.clock = clock;
        this.progress = progress;
        this.stop = stop;
    }

    /**
     * @return each probe's figures, in plan order (fewer if stopped)
     * @throws IllegalStateException if a simulator thread failed
     */
    public List<Probe> run(Plan plan) throws Exception {
        Path scratch = Files.createTempDirectory("nicsim-calibrate-");
        List<Probe> probes = new ArrayList<>();
        try {
            long probeNanos = plan.plannedNanos() / plan.probes();
            progress.startSweep(plan.probes(), plan.plannedNanos());
            int index = 0;
            for (String kind : plan.kinds()) {
                for (double rate : plan.rates()) {
                    if (stop.requested()) {
                        return probes;
                    }
                    String label = kind + " @ " + rate(rate) + " pps";
                    progress.startPoint(index, label, probeNanos);
                    Probe probe = probe(scenario(plan, kind, rate), kind, rate, scratch.resolve("probe-" + index));
                    probes.add(probe);
                    progress.endPoint(String.format(Locale.ROOT, "      deliver p50 %s, wake p50 %s, CPU %s per"
                            + " packet, %.2f wake-ups per packet", micros(probe.deliver(), 50),
                            micros(probe.wake(), 50), micros(probe.cpuNanosPerPacket()),
                            probe.voluntarySwitchesPerPacket()));
                    index++;
                }
            }
            return probes;
        } finally {
            io.nicsim.bench.results.RunFolder.deleteTree(scratch);
        }
    }

    /** @return the probe's scenario: the built-in study, one kind, per-packet firmware, poisson traffic */
    public static Scenario scenario(Plan plan, String kind, double rate) throws ScenarioException {
        return ScenarioLoader.load(null, List.of("host.consumer=" + kind, "firmware.policy=per-packet",
                "traffic.kind=poisson", String.format(Locale.ROOT, "traffic.ratePerSecond=%.0f", rate),
                "run.clock=paced", "run.duration=" + plan.durationNanos() + "ns",
                "run.warmup=" + plan.warmupNanos() + "ns"));
    }

    private Probe probe(Scenario scenario, String kind, double rate, Path queueDir) throws Exception {
        AtomicReference<LatencyRecorder> recorded = new AtomicReference<>();
        RunOptions options = new RunOptions(false, stop, progress, false)
                .withRecorded((recorder, jitter) -> recorded.set(recorder));
        progress.startRun(0, 1, kind, scenario.run().warmupNanos(), scenario.run().durationNanos());
        RunResult result;
        try {
            result = ConsumerRun.run(scenario, kind, kind, queueDir, null, clock, options);
        } finally {
            progress.endRun();
        }
        LatencyRecorder recorder = recorded.get();
        RunCosts costs = result.costs();
        return new Probe(kind, rate, result.packets().measured(), copy(recorder, Stage.HOLD),
                copy(recorder, Stage.DELIVER),
                copy(recorder, Stage.WAKE), copy(recorder.wakeUps()), copy(recorder, Stage.HANDLE),
                costs != null ? costs.consumerCpuNanosPerPacket() : Double.NaN,
                costs != null ? costs.voluntarySwitchesPerPacket() : Double.NaN,
                costs != null ? costs.involuntarySwitchesPerPacket() : Double.NaN);
    }

    private static Histogram copy(LatencyRecorder recorder, Stage stage) {
        return copy(recorder.stage(stage));
    }

    private static Histogram copy(Histogram histogram) {
        Histogram copy = new Histogram(3);
        copy.add(histogram);
        return copy;
    }

    /** @return 20k, 1.5M, 500 */
    public static String rate(double rate) {
        double scaled = rate >= 1e6 ? rate / 1e6 : rate >= 1e3 ? rate / 1e3 : rate;
        String unit = rate >= 1e6 ? "M" : rate >= 1e3 ? "k" : "";
        return (scaled == Math.rint(scaled) ? Long.toString((long) scaled)
                : String.format(Locale.ROOT, "%.3g", scaled)) + unit;
    }

    static String micros(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? "-" : micros((double) histogram.getValueAtPercentile(percentile));
    }

    static String micros(double nanos) {
        return Double.isFinite(nanos) ? String.format(Locale.ROOT, "%.2f us", nanos / 1e3) : "-";
    }
}
