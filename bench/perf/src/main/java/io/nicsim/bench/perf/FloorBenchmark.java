package io.nicsim.bench.perf;

import io.nicsim.bench.run.MachineLoad;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.host.consumer.BusyPollConsumer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nicsim bench floor}: how close nicsim's notification path comes to what the machine and the transport
 * allow, measured in one process with one pacing. Three variants, alternated round by round so slow drifts of
 * the machine (VM neighbours, frequency) fall on all three alike:
 * <ol>
 *   <li>bare transport: a paced appender and a busy-spinning tailer on nicsim's Chronicle queue settings;</li>
 *   <li>bare spin hand-off: the same pacing through a volatile field between two threads;</li>
 *   <li>nicsim: per-packet firmware, MAC polled continuously, busy-poll consumer, through the real runner.</li>
 * </ol>
 * Every variant measures from the intended send time (coordinated-omission safe) to the moment the receiver
 * read the packet, with HdrHistogram.
 */
public final class FloorBenchmark {

    public static final String BARE = "bare transport";
    public static final String SPIN = "spin hand-off";
    public static final String NICSIM = "nicsim";
    /** The variants in report order. */
    public static final List<String> VARIANTS = List.of(BARE, SPIN, NICSIM);

    /** The nicsim variant's scenario overrides, beyond the pacing. */
    public static final List<String> NICSIM_OVERRIDES = List.of("firmware.policy=per-packet",
            "firmware.pollIntervalNanos=0");

    /**
     * @param pacing      the traffic of every variant and round
     * @param rounds      how many times each variant runs
     * @param maxAttempts how many times a run is tried while other processes disturb it (see {@link MachineLoad})
     */
    public record Options(Pacing pacing, int rounds, int maxAttempts) {
        public Options {
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds: expected at least 1, found " + rounds);
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("--attempts: expected at least 1, found " + maxAttempts);
            }
        }
    }

    /** Measured time of each variant's run in the uncounted JIT warm-up round. */
    static final long JIT_WARMUP_NANOS = 2_000_000_000L;

    /** How long a run waits for the machine to be quiet before it starts anyway. */
    static final long QUIET_WAIT_NANOS = 90_000_000_000L;

    /** One variant's run in one round. */
    /**
     * @param otherCores CPU other processes used during the run, in cores (see {@link MachineLoad})
     * @param stealCores time the hypervisor gave to other guests during the run, in cores
     * @param jitMillis  JIT compilation time during the run (see {@link MachineLoad.Usage#jitMillis()})
     */
    public record VariantRun(String variant, LatencyFigures latency, long expected, long received, double otherCores,
                             double stealCores, long jitMillis) {
    }

    /** One round: each variant once, in {@code order}. */
    public record Round(int number, List<VariantRun> runs) {
        public VariantRun of(String variant) {
            return runs.stream().filter(run -> run.variant().equals(variant)).findFirst().orElseThrow();
        }
    }

    /**
     * @param pageFaults how the first write to each page of a mapped file on the queues' file system went, one line
     */
    public record Result(Options options, List<Round> rounds, String pageFaults) {
    }

    /** Size of the mapped file whose page faults are timed: 64k pages. */
    static final int PAGE_FAULT_PROBE_BYTES = 256 << 20;

    private FloorBenchmark() {
    }

    /** The order of the variants in a round: rotated each round, so none always runs first or after another. */
    static List<String> order(int round) {
        List<String> order = new ArrayList<>(VARIANTS.size());
        for (int i = 0; i < VARIANTS.size(); i++) {
            order.add(VARIANTS.get((round + i) % VARIANTS.size()));
        }
        return order;
    }

    public static Result run(Options options, PrintWriter progress) throws Exception {
        Pacing pacing = options.pacing();
        Scenario scenario = NicsimPath.scenario(pacing, BusyPollConsumer.NAME, NICSIM_OVERRIDES);
        List<Round> rounds = new ArrayList<>();
        String pageFaults;
        try (ScratchDir scratch = ScratchDir.create("floor")) {
            progress.println("[page faults] timing the first write to each page of a mapped file ...");
            pageFaults = PageFaults.describe(PageFaults.measure(scratch, PAGE_FAULT_PROBE_BYTES), scratch.inMemory());
            // A first round that is not counted: the JIT compiles every variant's path here (on 2 cores its
            // compiler threads would otherwise take a core from the first measured runs).
            Pacing warmup = new Pacing(pacing.kind(), pacing.ratePerSecond(), pacing.seed(), pacing.warmupNanos(),
                    Math.min(pacing.durationNanos(), JIT_WARMUP_NANOS));
            Scenario warmupScenario = NicsimPath.scenario(warmup, BusyPollConsumer.NAME, NICSIM_OVERRIDES);
            for (String variant : VARIANTS) {
                progress.printf("[warm-up, not counted] %-15s ...%n", variant);
                progress.flush();
                Path queues = scratch.resolve("warmup-" + variant.replace(' ', '-'));
                try {
                    runVariant(variant, warmup, warmupScenario, queues);
                } finally {
                    ScratchDir.delete(queues);
                }
            }
            for (int r = 0; r < options.rounds(); r++) {
                List<VariantRun> runs = new ArrayList<>();
                for (String variant : order(r)) {
                    progress.printf("[round %d/%d] %-15s ...%n", r + 1, options.rounds(), variant);
                    progress.flush();
                    Path queues = scratch.resolve(r + "-" + variant.replace(' ', '-'));
                    try {
                        runs.add(quietRun(variant, pacing, scenario, queues, options.maxAttempts(), progress));
                    } finally {
                        ScratchDir.delete(queues);
                    }
                }
                runs.sort((a, b) -> VARIANTS.indexOf(a.variant()) - VARIANTS.indexOf(b.variant()));
                rounds.add(new Round(r + 1, List.copyOf(runs)));
            }
        }
        return new Result(options, List.copyOf(rounds), pageFaults);
    }

    /**
     * Runs a variant once the machine is quiet, again (up to {@code maxAttempts} in all) if other processes took
     * CPU during it: on 2 cores a busy neighbour would be measured instead of the variant.
     */
    private static VariantRun quietRun(String variant, Pacing pacing, Scenario scenario, Path queues, int maxAttempts,
                                       PrintWriter progress) throws Exception {
        VariantRun run = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            MachineLoad.awaitQuiet(QUIET_WAIT_NANOS, progress);
            ScratchDir.delete(queues);
            MachineLoad.Sample load = MachineLoad.sample();
            VariantRun measured = runVariant(variant, pacing, scenario, queues);
            MachineLoad.Usage usage = MachineLoad.since(load);
            run = new VariantRun(measured.variant(), measured.latency(), measured.expected(), measured.received(),
                    usage.otherCores(), usage.stealCores(), usage.jitMillis());
            progress.printf("    p50 %s us, p99 %s us; JIT %d ms, other processes %s cores%n",
                    Format.micros(run.latency().p50()), Format.micros(run.latency().p99()), run.jitMillis(),
                    Format.cores(run.otherCores()));
            progress.flush();
            if (run.otherCores() < Format.BUSY_NEIGHBOUR_CORES) {
                break;
            }
            if (attempt < maxAttempts) {
                progress.printf("  other processes used %s cores during the run: again%n",
                        Format.cores(run.otherCores()));
                progress.flush();
            }
        }
        return run;
    }

    private static VariantRun runVariant(String variant, Pacing pacing, Scenario scenario, Path queues)
            throws Exception {
        return switch (variant) {
            case BARE -> {
                BareTransport.Result result = BareTransport.run(pacing, queues);
                yield new VariantRun(variant, LatencyFigures.of(result.latency()), result.expected(), result.received(),
                        0, 0, 0);
            }
            case SPIN -> {
                BareTransport.Result result = SpinHandoff.run(pacing);
                yield new VariantRun(variant, LatencyFigures.of(result.latency()), result.expected(), result.received(),
                        0, 0, 0);
            }
            case NICSIM -> {
                RunResult result = NicsimPath.run(scenario, BusyPollConsumer.NAME, queues);
                yield new VariantRun(variant, LatencyFigures.of(result.latencyNanos().notification()),
                        result.packets().generated(), result.packets().delivered(), 0, 0, 0);
            }
            default -> throw new IllegalArgumentException(variant);
        };
    }
}
