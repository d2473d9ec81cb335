package io.nicsim.bench.perf;

import io.nicsim.bench.run.MachineLoad;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.Units;
import io.nicsim.host.consumer.BusyPollConsumer;
import io.nicsim.host.consumer.EventLoopConsumer;
import io.nicsim.host.consumer.ParkingConsumer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code nicsim bench throughput}: the highest packet rate nicsim sustains end to end, per firmware policy and
 * consumer, searched with {@link RateSearch}, next to the raw Chronicle append rate of the same records
 * measured in the same process.
 *
 * <p>The trials run with unlimited descriptor rings ({@code nic.ringSlots} 0, the default; a finite ring would
 * drop a packet that finds it full, as ring-full): an overloaded device does not drop, it falls behind the
 * schedule, and an overloaded consumer leaves packets in its ring. So "sustained" is defined from lateness and
 * drain; see {@link #definition(Options)}.
 */
public final class ThroughputBenchmark {

    /** One configuration searched: a policy (as scenario overrides) and a consumer. */
    public record Config(String label, String consumer, List<String> overrides) {
    }

    /**
     * The write-back timer of the burst configurations: 50 us, the interval of ixgbe's 20K-interrupts ITR (Intel NICs
     * write a partial burst back when the ITR expires), long enough for a burst of 64 to fill from 1.3M pps up.
     */
    static final String WRITE_BACK_TIMER = "nic.writeBackNanos=50us";

    /**
     * The consumer kept up when its notification latency at the judged percentile stays within this: a consumer
     * slower than the rate falls further behind through the trial (hundreds of milliseconds at the end of a 1 s trial)
     * and may still drain before the drain timeout, which alone would count it as sustained.
     */
    static final long MAX_NOTIFICATION_NANOS = 1_000_000L;

    /** Descriptors per write-back burst of the burst configurations. */
    static final List<Integer> BURSTS = List.of(4, 16, 64);

    public static final List<Config> CONFIGS = configs();

    private static List<Config> configs() {
        List<String> coalesce = List.of("firmware.policy=coalesce", "firmware.rxFrames=64");
        List<String> perPacket = List.of("firmware.policy=per-packet");
        List<Config> configs = new ArrayList<>(List.of(
                new Config("coalesce rxFrames=64 + busy-poll", BusyPollConsumer.NAME, coalesce),
                new Config("per-packet + busy-poll", BusyPollConsumer.NAME, perPacket),
                new Config("per-packet + platform-thread", ParkingConsumer.PLATFORM, perPacket),
                new Config("per-packet + virtual-thread", ParkingConsumer.VIRTUAL, perPacket),
                new Config("per-packet + event-loop", EventLoopConsumer.NAME, perPacket)));
        for (List<String> policy : List.of(coalesce, perPacket)) {
            String label = configs.get(policy == coalesce ? 0 : 1).label();
            for (int burst : BURSTS) {
                List<String> overrides = new ArrayList<>(policy);
                overrides.add("nic.writeBackDescriptors=" + burst);
                overrides.add(WRITE_BACK_TIMER);
                configs.add(new Config(label + ", bursts of " + burst, BusyPollConsumer.NAME, List.copyOf(overrides)));
            }
        }
        return List.copyOf(configs);
    }

    /** @return the configuration of {@link #CONFIGS} with this label */
    static Config config(String label) {
        return CONFIGS.stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
    }

    /**
     * @param kind               traffic kind of every trial
     * @param seed               schedule seed
     * @param trialWarmupNanos   warm-up of each trial (not judged)
     * @param trialDurationNanos judged time of each trial
     * @param latenessPercentile the percentile of the device's lag ({@link JournalLateness}) that is bounded, e.g. 90
     * @param maxLatenessNanos   bound on that percentile
     * @param drainNanos         how long a trial waits for packets in flight after the schedule ends
     * @param limits             the rate search's bounds
     * @param rawNanos           measured time of each raw append rate
     * @param attempts           a rate is not sustained only if this many trials in a row fail (VM hiccups)
     * @param configs            the configurations to search
     */
    public record Options(String kind, long seed, long trialWarmupNanos, long trialDurationNanos,
                          double latenessPercentile, long maxLatenessNanos, long drainNanos, RateSearch.Limits limits,
                          long rawNanos, int attempts, List<Config> configs) {
        public Options {
            if (attempts < 1) {
                throw new IllegalArgumentException("--attempts: expected at least 1, found " + attempts);
            }
            if (!(latenessPercentile > 0 && latenessPercentile < 100)) {
                throw new IllegalArgumentException("--lateness-percentile: expected a percentile in (0, 100), found "
                        + latenessPercentile);
            }
        }
    }

    /**
     * One trial's figures.
     *
     * @param lateness     the device's lag (appended - written back), from the descriptor journal
     * @param notification the consumer's notification latency (woken - intended)
     * @param reason       why it was not sustained, empty if it was
     * @param otherCores   CPU other processes used during the trial, in cores
     * @param jitMillis    JIT compilation time during the trial
     * @param attempt      which try at this rate it was (1 = first)
     * @param descriptorsPerBurst descriptors per document of the journal: the mean write-back burst (1 without bursts)
     */
    public record Trial(double ratePerSecond, long generated, long delivered, Map<String, Long> drops,
                        LatencyFigures lateness, LatencyFigures notification, long interrupts, String reason,
                        double otherCores, long jitMillis, int attempt, double descriptorsPerBurst) {
        public boolean sustained() {
            return reason.isEmpty();
        }
    }

    public record ConfigResult(Config config, RateSearch.Outcome<Trial> search) {
    }

    public record Result(Options options, RawAppend.Rates raw, List<ConfigResult> configs) {
    }

    /** Tries beyond {@code attempts} allowed for failures while other processes took CPU. */
    static final int EXTRA_TRIES = 3;

    private ThroughputBenchmark() {
    }

    /** The definition of "sustained" the results are judged by, printed with them. */
    public static String definition(Options options) {
        String p = percentileName(options.latenessPercentile());
        return "sustained = every generated packet delivered (no drops; a trial waits at most "
                + Units.formatDuration(options.drainNanos()) + " after the runner sees the schedule end, so a"
                + " consumer slower than the rate strands packets and fails) and the device's lag " + p
                + " (appended - written back: when each descriptor's record was actually appended minus the model"
                + " time it was due, read from the descriptor journal, warm-up excluded; the injected stamp is model"
                + " time, so injected - intended no longer shows a late device) <= "
                + Format.micros(options.maxLatenessNanos()) + " us (the device kept pace with the schedule) and the"
                + " consumer's notification latency " + p + " <= " + Format.micros(MAX_NOTIFICATION_NANOS)
                + " us (it kept up: a consumer falling behind sees it grow through the trial); a rate"
                + " counts as not sustained only when " + options.attempts() + " trials fail it (a VM pause of a few"
                + " milliseconds fails one trial), not counting trials during which other processes took CPU";
    }

    /** @return the summary's figure at the smallest of its percentiles (50, 90, 99, 99.9, 100) at or above one */
    static long atOrAbove(io.nicsim.bench.results.LatencySummary summary, double percentile) {
        return percentile <= 50 ? summary.p50() : percentile <= 90 ? summary.p90() : percentile <= 99 ? summary.p99()
                : percentile <= 99.9 ? summary.p999() : summary.max();
    }

    /** @return e.g. {@code p90}, {@code p99.9} */
    static String percentileName(double percentile) {
        return "p" + (percentile == Math.rint(percentile) ? Long.toString((long) percentile)
                : Double.toString(percentile));
    }

    /** @return why a trial was not sustained, or "" if it was */
    static String judge(long generated, long delivered, String percentileName, long latenessNanos,
                        long maxLatenessNanos, long notificationNanos) {
        if (delivered < generated) {
            return Format.count(generated - delivered) + " dropped";
        }
        if (latenessNanos > maxLatenessNanos) {
            return "device lag " + percentileName + " " + Format.micros(latenessNanos) + " us";
        }
        if (notificationNanos > MAX_NOTIFICATION_NANOS) {
            return "consumer behind: notification " + percentileName + " " + Format.micros(notificationNanos) + " us";
        }
        return "";
    }

    public static Result run(Options options, PrintWriter progress) throws Exception {
        try (ScratchDir scratch = ScratchDir.create("throughput")) {
            progress.println("raw Chronicle append rate of descriptor records ...");
            progress.flush();
            RawAppend.Rates raw = RawAppend.measure(scratch, options.trialWarmupNanos(), options.rawNanos(),
                    burstsOf(options.configs()));
            progress.printf("  append %s/s, append+tail %s/s%s%n", Format.rate(raw.appendPerSecond()),
                    Format.rate(raw.appendAndTailPerSecond()), ThroughputReport.burstRates(raw));
            List<ConfigResult> results = new ArrayList<>();
            int[] trialNumber = {0};
            for (Config config : options.configs()) {
                progress.println(config.label() + ":");
                progress.printf("  JIT warm-up trial at %s pps, not counted ...%n",
                        Format.rate(options.limits().startRate()));
                progress.flush();
                // On 2 cores the JIT compilers can only run by preempting the device or the consumer: let them
                // compile this configuration's path before any trial is judged.
                trial(options, config, options.limits().startRate(), scratch.resolve("warmup-" + trialNumber[0]++), 0);
                long[] trialNanos = {0}; // the budget counts time spent in trials, not waiting for a quiet machine
                RateSearch.Outcome<Trial> outcome = RateSearch.search(rate -> {
                    Trial trial = null;
                    int failures = 0;
                    for (int tries = 1; failures < options.attempts() && tries <= options.attempts()
                            + EXTRA_TRIES; tries++) {
                        MachineLoad.awaitQuiet(FloorBenchmark.QUIET_WAIT_NANOS, progress);
                        long trialStart = System.nanoTime();
                        trial = trial(options, config, rate, scratch.resolve("trial-" + trialNumber[0]++), tries);
                        trialNanos[0] += System.nanoTime() - trialStart;
                        if (trial.sustained()) {
                            break;
                        }
                        // A failure while other processes took CPU says nothing about nicsim: it does not count.
                        boolean disturbed = trial.otherCores() >= Format.BUSY_NEIGHBOUR_CORES;
                        if (!disturbed) {
                            failures++;
                        }
                        boolean again = failures < options.attempts() && tries < options.attempts() + EXTRA_TRIES;
                        progress.printf("  %9s pps: not sustained (%s)%s%s%n", Format.rate(rate), trial.reason(),
                                disturbed ? ", disturbed by other processes (" + Format.cores(trial.otherCores())
                                        + " cores)" : "", again ? ", trying again" : "");
                        progress.flush();
                    }
                    if (trial.sustained()) {
                        progress.printf("  %9s pps: sustained%n", Format.rate(rate));
                        progress.flush();
                    }
                    return trial;
                }, Trial::sustained, options.limits(), () -> trialNanos[0]);
                results.add(new ConfigResult(config, outcome));
            }
            return new Result(options, raw, List.copyOf(results));
        }
    }

    /** @return the write-back burst sizes the configurations use, in order, each once */
    static List<Integer> burstsOf(List<Config> configs) {
        return configs.stream().flatMap(c -> c.overrides().stream())
                .filter(o -> o.startsWith("nic.writeBackDescriptors="))
                .map(o -> Integer.parseInt(o.substring(o.indexOf('=') + 1))).distinct().sorted().toList();
    }

    private static Trial trial(Options options, Config config, double rate, Path queues, int attempt)
            throws Exception {
        Pacing pacing = new Pacing(options.kind(), rate, options.seed(), options.trialWarmupNanos(),
                options.trialDurationNanos());
        List<String> overrides = new ArrayList<>(config.overrides());
        overrides.add("run.drainTimeout=" + Units.formatDuration(options.drainNanos()));
        Scenario scenario = NicsimPath.scenario(pacing, config.consumer(), overrides);
        try {
            MachineLoad.Sample load = MachineLoad.sample();
            RunResult run = NicsimPath.run(scenario, config.consumer(), queues);
            MachineLoad.Usage usage = MachineLoad.since(load);
            JournalLateness journal = JournalLateness.read(queues, options.trialWarmupNanos());
            // the device's lag (actual append - model time), not injected - intended: injection is a model stamp
            LatencyFigures lateness = LatencyFigures.of(journal.deviceLag());
            long judgedLateness = journal.deviceLag().getValueAtPercentile(options.latenessPercentile());
            long generated = run.packets().generated();
            long delivered = run.packets().delivered();
            return new Trial(rate, generated, delivered, run.packets().dropReasons(), lateness,
                    LatencyFigures.of(run.latencyNanos().notification()), run.interrupts(),
                    judge(generated, delivered, percentileName(options.latenessPercentile()), judgedLateness,
                            options.maxLatenessNanos(), atOrAbove(run.latencyNanos().notification(),
                                    options.latenessPercentile())), usage.otherCores(), usage.jitMillis(), attempt,
                    journal.descriptorsPerDocument());
        } finally {
            ScratchDir.delete(queues);
        }
    }
}
