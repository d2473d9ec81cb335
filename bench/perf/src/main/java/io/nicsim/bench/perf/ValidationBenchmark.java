package io.nicsim.bench.perf;

import io.nicsim.bench.run.MachineLoad;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.run.ConsumerRun;
import io.nicsim.bench.run.Progress;
import io.nicsim.bench.run.RunOptions;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.run.virtual.HostModelFiles;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.bench.scenario.Units;
import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.host.model.HostModel;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code nicsim bench validation}: virtual time against hardware in the loop on the same machine. Each study's runs
 * play twice, paced ({@code run.clock: paced}, real threads) and virtual ({@code run.clock: virtual}, the host model),
 * the virtual twin right after its paced run; {@link ValidationReport} compares p50, p90, p99, interrupts/s and the
 * consumer's CPU per packet against the targets.
 */
public final class ValidationBenchmark {

    /** rx-frames of the coalescing sweep: far above what a 256 us timer gathers at 200 kpps: the timer decides. */
    static final int COALESCE_RX_FRAMES = 1024;
    static final List<Integer> COALESCE_RX_USECS = List.of(0, 16, 64, 128, 256);
    static final List<Integer> NAPI_BUDGETS = List.of(1, 8, 64);
    static final String SWEEP_CONSUMER = "platform-thread";
    static final String SHAPES_FILE = "consumer-shapes.yaml";
    private static final long QUIET_WAIT_NANOS = 10_000_000_000L;
    /** Time a paced run takes besides its traffic (threads, queues), for the estimate. */
    private static final long RUN_OVERHEAD_NANOS = 700_000_000L;

    /** The studies, in the order they run. */
    public enum Study {
        DEFAULT("default", "Default study",
                "the built-in default study: Poisson 200 kpps, per-packet interrupts, the four base consumers"),
        COALESCE("coalesce", "Coalescing sweep",
                "coalesce at rx-usecs 0 (with rx-frames 1: per-packet), 16, 64, 128, 256 (rx-frames "
                        + COALESCE_RX_FRAMES + ": the timer decides), Poisson 200 kpps, " + SWEEP_CONSUMER),
        NAPI("napi", "NAPI budget sweep",
                "napi at firmware.budget 1, 8, 64, Poisson 200 kpps, " + SWEEP_CONSUMER),
        SHAPES("shapes", "Consumer shapes",
                "scenarios/" + SHAPES_FILE + ": Poisson 5 kpps over 16 flows, per-packet, 2 us of handler CPU then a"
                        + " 50 us blocking wait per packet, every consumer kind and shape");

        private final String key;
        private final String title;
        private final String description;

        Study(String key, String title, String description) {
            this.key = key;
            this.title = title;
            this.description = description;
        }

        public String key() {
            return key;
        }

        public String title() {
            return title;
        }

        public String description() {
            return description;
        }

        /** @throws IllegalArgumentException naming the known studies */
        public static Study of(String key) {
            for (Study study : values()) {
                if (study.key.equals(key)) {
                    return study;
                }
            }
            throw new IllegalArgumentException("--study: expected one of default, coalesce, napi, shapes, found '"
                    + key + "'");
        }
    }

    /**
     * @param studies      the studies to run, in order
     * @param warmupNanos  each run's warm-up
     * @param durationNanos each run's measured time
     * @param hostModel    the host model file for the virtual runs, or empty for the built-in model
     * @param scenarios    the folder holding {@value #SHAPES_FILE}
     */
    public record Options(List<Study> studies, long warmupNanos, long durationNanos, String hostModel,
                         Path scenarios) {
    }

    /** What differs between points of a study, as the rules over the results need it. */
    public record Setting(String policy, long rxUsecs, int rxFrames, int budget, long handlerBlockNanos) {

        static Setting of(Scenario scenario) {
            FirmwareConfig f = scenario.firmware();
            return new Setting(f.policy(), f.rxUsecs(), f.rxFrames(), f.budget(), scenario.host().handlerBlockNanos());
        }
    }

    /**
     * One run's figures. Latencies in nanoseconds (notification latency over the measured window); counts over the
     * whole traffic; {@code deviceLagP90}: p90 of how late the device wrote descriptors (paced runs), -1 if unknown.
     */
    public record Figures(long p50, long p90, long p99, double interruptsPerSecond, double cpuNanosPerPacket,
                          double sleepsPerPacket, long generated, long delivered, long dropped, long interrupts,
                          long deviceLagP90) {

        /** Figures without a device lag (it is not known). */
        public Figures(long p50, long p90, long p99, double interruptsPerSecond, double cpuNanosPerPacket,
                       double sleepsPerPacket, long generated, long delivered, long dropped, long interrupts) {
            this(p50, p90, p99, interruptsPerSecond, cpuNanosPerPacket, sleepsPerPacket, generated, delivered, dropped,
                    interrupts, -1);
        }

        static Figures of(RunResult r) {
            var n = r.latencyNanos().notification();
            long lag = r.deviceLagNanos() != null && r.deviceLagNanos().count() > 0 ? r.deviceLagNanos().p90() : -1;
            return new Figures(n.p50(), n.p90(), n.p99(), r.interruptsPerSecond(),
                    r.costs().consumerCpuNanosPerPacket(), r.costs().voluntarySwitchesPerPacket(),
                    r.packets().generated(), r.packets().delivered(), r.packets().dropped(), r.interrupts(), lag);
        }

        /** @return interrupts raised per delivered packet, NaN if none was delivered */
        public double interruptsPerPacket() {
            return delivered > 0 ? (double) interrupts / delivered : Double.NaN;
        }
    }

    /**
     * One consumer at one point of a study, run both ways.
     *
     * @param point      what the point sets ({@code rx-usecs=16}), empty for a study of one point
     * @param paced      the paced run the virtual one is judged against
     * @param otherCores cores' worth of CPU other processes used during the paced run
     * @param pacedAgain the same paced run repeated right after the virtual twin (this machine's run-to-run
     *                   variation), or null if not repeated
     */
    public record Pair(Study study, String point, String consumer, Setting setting, Figures paced, Figures virtual,
                       double otherCores, Figures pacedAgain) {

        /** A pair whose paced run was not repeated. */
        public Pair(Study study, String point, String consumer, Setting setting, Figures paced, Figures virtual,
                    double otherCores) {
            this(study, point, consumer, setting, paced, virtual, otherCores, null);
        }
    }

    /** One consumer's costs in the host model. */
    public record ModelKind(long wakeP50, long wakeP90, long wakeP99, long perPacketNanos, long perPollNanos,
                            long handoffNanos) {
    }

    /** The host model's figures the explanations quote. */
    public record ModelFacts(String source, int cores, long deliverP50, long timerSlackP50, long contextSwitchNanos,
                             Map<String, ModelKind> kinds) {

        static ModelFacts of(HostModel model, List<String> consumers) {
            Map<String, ModelKind> kinds = new LinkedHashMap<>();
            for (String consumer : consumers) {
                HostModel.Kind k = model.kind(consumer);
                kinds.put(consumer, new ModelKind(k.wake().quantile(0.5), k.wake().quantile(0.9),
                        k.wake().quantile(0.99), k.perPacketNanos(), k.perPollNanos(), k.handoffNanos()));
            }
            return new ModelFacts(model.source(), model.cores(), model.deliver().median(),
                    model.timerSlack().median(), model.contextSwitchNanos(), Map.copyOf(kinds));
        }
    }

    /**
     * Everything one validation measured.
     *
     * @param wallNanos how long the whole validation took
     */
    public record Result(Machine machine, ZonedDateTime finished, String command, List<Study> studies,
                         long warmupNanos, long durationNanos, ModelFacts model, List<Pair> pairs, long wallNanos) {
    }

    /** One point of a study: its label and its scenario (every consumer it lists), paced and virtual. */
    record Point(Study study, String label, Scenario scenario, Scenario virtual) {
    }

    private ValidationBenchmark() {
    }

    /** @return every point of the studies, loaded (and so checked) before anything runs */
    static List<Point> points(Options options) {
        List<String> run = List.of("run.warmup=" + Units.formatDuration(options.warmupNanos()),
                "run.duration=" + Units.formatDuration(options.durationNanos()));
        List<Point> points = new ArrayList<>();
        for (Study study : options.studies()) {
            switch (study) {
                case DEFAULT -> points.add(point(options, study, "", null, run));
                case COALESCE -> {
                    for (int usecs : COALESCE_RX_USECS) {
                        int frames = usecs == 0 ? 1 : COALESCE_RX_FRAMES;
                        points.add(point(options, study, "rx-usecs=" + usecs + ", rx-frames=" + frames, null,
                                with(run, "firmware.policy=coalesce", "firmware.rxUsecs=" + usecs,
                                        "firmware.rxFrames=" + frames, "host.consumer=" + SWEEP_CONSUMER)));
                    }
                }
                case NAPI -> {
                    for (int budget : NAPI_BUDGETS) {
                        points.add(point(options, study, "budget=" + budget, null, with(run, "firmware.policy=napi",
                                "firmware.budget=" + budget, "host.consumer=" + SWEEP_CONSUMER)));
                    }
                }
                case SHAPES -> {
                    Path file = options.scenarios().resolve(SHAPES_FILE);
                    if (!Files.isRegularFile(file)) {
                        throw new IllegalArgumentException("--scenarios: no " + SHAPES_FILE + " in "
                                + options.scenarios());
                    }
                    points.add(point(options, study, "", file, run));
                }
                default -> throw new IllegalStateException(study.name());
            }
        }
        return points;
    }

    private static Point point(Options options, Study study, String label, Path file, List<String> overrides) {
        List<String> virtual = new ArrayList<>(overrides);
        virtual.add("run.clock=virtual");
        if (!options.hostModel().isEmpty()) {
            virtual.add("run.hostModel=" + options.hostModel());
        }
        return new Point(study, label, load(file, overrides), load(file, virtual));
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static Scenario load(Path file, List<String> overrides) {
        try {
            return ScenarioLoader.load(file, overrides);
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Loads every point's scenarios and the host model, so bad options fail before anything runs.
     *
     * @throws IllegalArgumentException with a one-line message
     */
    public static void check(Options options) {
        facts(options, points(options));
    }

    private static ModelFacts facts(Options options, List<Point> points) {
        List<String> consumers = points.stream().flatMap(p -> p.scenario().host().consumers().stream()).distinct()
                .toList();
        return ModelFacts.of(HostModelFiles.load(options.hostModel()), consumers);
    }

    /** @return the paced runs the options make (each also repeated, and as many virtual) */
    static int pacedRuns(List<Point> points) {
        return points.stream().mapToInt(p -> p.scenario().host().consumers().size()).sum();
    }

    /** @return 45 s or 3 min 05 s */
    static String minutes(long nanos) {
        long s = Math.round(nanos / 1e9);
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    public static Result run(Options options, String command, PrintWriter out) throws Exception {
        long start = System.nanoTime();
        List<Point> points = points(options);
        ModelFacts facts = facts(options, points);
        int runs = pacedRuns(points);
        long planned = 2 * runs * (ConsumerRun.plannedNanos(options.warmupNanos(), options.durationNanos())
                + RUN_OVERHEAD_NANOS);
        out.printf("%d paced runs of %s warm-up + %s measured, each followed by its virtual twin and then repeated:"
                + " about %s%n", runs,
                Units.formatDuration(options.warmupNanos()), Units.formatDuration(options.durationNanos()),
                minutes(planned));
        out.println("host model: " + facts.source());
        out.flush();
        MachineLoad.awaitQuiet(QUIET_WAIT_NANOS, out);
        List<Pair> pairs = new ArrayList<>();
        RunOptions runOptions = new RunOptions(false, new StopSignal(), Progress.none(), false);
        int index = 0;
        try (ScratchDir scratch = ScratchDir.create("validation")) {
            for (Point point : points) {
                Scenario virtual = point.virtual();
                for (String consumer : point.scenario().host().consumers()) {
                    index++;
                    out.printf(Locale.ROOT, "[%d/%d] %s%s, %s: paced ...", index, runs, point.study().key(),
                            point.label().isEmpty() ? "" : " " + point.label(), consumer);
                    out.flush();
                    Path dir = scratch.resolve("run-" + index);
                    MachineLoad.Sample load = MachineLoad.sample();
                    RunResult paced = ConsumerRun.run(point.scenario().withConsumer(consumer), consumer, consumer,
                            dir, null, SystemNanoClock.INSTANCE, runOptions);
                    double otherCores = MachineLoad.since(load).otherCores();
                    ScratchDir.delete(dir);
                    out.printf(Locale.ROOT, " p50 %s us; virtual ...", Format.micros(
                            paced.latencyNanos().notification().p50()));
                    out.flush();
                    long virtualStart = System.nanoTime();
                    RunResult twin = ConsumerRun.run(virtual.withConsumer(consumer), consumer, consumer,
                            scratch.resolve("virtual-" + index), null, SystemNanoClock.INSTANCE, runOptions);
                    out.printf(Locale.ROOT, " p50 %s us (%.1f s); paced again ...", Format.micros(
                            twin.latencyNanos().notification().p50()), (System.nanoTime() - virtualStart) / 1e9);
                    out.flush();
                    Path againDir = scratch.resolve("again-" + index);
                    RunResult again = ConsumerRun.run(point.scenario().withConsumer(consumer), consumer, consumer,
                            againDir, null, SystemNanoClock.INSTANCE, runOptions);
                    ScratchDir.delete(againDir);
                    out.printf(Locale.ROOT, " p50 %s us%n", Format.micros(again.latencyNanos().notification().p50()));
                    out.flush();
                    pairs.add(new Pair(point.study(), point.label(), consumer, Setting.of(point.scenario()),
                            Figures.of(paced), Figures.of(twin), otherCores, Figures.of(again)));
                }
            }
        }
        return new Result(Machine.current(), ZonedDateTime.now(), command, List.copyOf(options.studies()),
                options.warmupNanos(), options.durationNanos(), facts, List.copyOf(pairs), System.nanoTime() - start);
    }
}
