package io.nicsim.bench.perf;

import io.nicsim.bench.results.MachineChecks;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.run.ConsumerRun;
import io.nicsim.bench.run.MachineLoad;
import io.nicsim.bench.run.QuietChecks;
import io.nicsim.bench.run.DiskBudget;
import io.nicsim.bench.run.DiskWatch;
import io.nicsim.bench.run.RunOptions;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.Units;
import io.nicsim.host.measure.LatencyRecorder;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code nicsim bench soak}: one long paced run (10 minutes at 200k pps by default) in this JVM, with a
 * {@link SoakSampler} looking at the process every few seconds, then a per-minute table and a {@link SoakVerdict}
 * on whether heap after GC, resident memory, file descriptors, mappings and threads stayed flat. The journal goes to
 * a scratch folder on /dev/shm and is discarded at the end; its growth is reported as bytes per packet.
 */
public final class SoakBenchmark {

    /**
     * Journal bytes per packet at the soak's defaults (64-byte frames, coalescing), measured by a soak (the final
     * apparent size of the queue files over the packets generated: 81.1 at 200k pps, coalesce, platform-thread),
     * rounded up; the space check asks for this much and a quarter more.
     */
    public static final double JOURNAL_BYTES_PER_PACKET = 85;
    /** Warm-up at the start of the run (part of its duration); its packets are in the first minute's row. */
    static final long WARMUP_NANOS = 1_000_000_000L;
    /** Seconds per row of the table. */
    static final int MINUTE_SECONDS = 60;

    /**
     * @param durationNanos       the whole run, warm-up included
     * @param ratePerSecond       packets per second
     * @param kind                traffic kind
     * @param consumer            the consumer under test
     * @param overrides           {@code --set} overrides after the soak's own (policy first)
     * @param sampleIntervalNanos time between samples
     * @param gcIntervalNanos     time between full collections before a sample, 0 for none
     * @param outDir              where samples.csv goes
     */
    public record Options(long durationNanos, double ratePerSecond, String kind, String consumer,
                          List<String> overrides, long sampleIntervalNanos, long gcIntervalNanos, Path outDir) {

        public Options {
            overrides = List.copyOf(overrides);
            if (durationNanos < 2 * WARMUP_NANOS) {
                throw new IllegalArgumentException("--duration: expected at least "
                        + Units.formatDuration(2 * WARMUP_NANOS) + ", found " + Units.formatDuration(durationNanos));
            }
            if (!(ratePerSecond > 0)) {
                throw new IllegalArgumentException("--rate: expected a rate above 0");
            }
            if (sampleIntervalNanos <= 0 || durationNanos / sampleIntervalNanos < SoakVerdict.MIN_SAMPLES) {
                throw new IllegalArgumentException("--sample-interval: expected at least " + SoakVerdict.MIN_SAMPLES
                        + " samples in --duration, found an interval of " + Units.formatDuration(sampleIntervalNanos));
            }
            if (gcIntervalNanos < 0) {
                throw new IllegalArgumentException("--gc-interval: expected 0 (never) or a positive time");
            }
        }

        Pacing pacing() {
            return new Pacing(kind, ratePerSecond, 1, WARMUP_NANOS, durationNanos - WARMUP_NANOS);
        }

        /** @return the journal bytes the run is expected to write */
        public long estimatedJournalBytes() {
            return (long) (ratePerSecond * durationNanos / 1e9 * JOURNAL_BYTES_PER_PACKET);
        }
    }

    /**
     * One row of the table.
     *
     * @param minute     1 for the first minute
     * @param last       the last sample taken in that minute
     * @param pps        packets delivered per second, by intended arrival in that minute
     * @param latency    notification latency of the packets intended in that minute
     * @param otherCores CPU other processes used in that minute, in cores (the mean of its samples')
     */
    public record Minute(int minute, SoakSample last, double pps, LatencyFigures latency, double otherCores) {
    }

    /**
     * @param checks     what {@link QuietChecks} saw just before the run
     * @param packets      the run's packet accounting
     * @param journalBytes the journal's size once the run ended
     * @param otherCores   CPU other processes used over the whole run, in cores
     */
    public record Result(Options options, Machine machine, String command, MachineChecks checks,
                         List<SoakSample> samples, List<Minute> minutes, SoakVerdict verdict,
                         RunResult.PacketCounts packets, long journalBytes, double otherCores, long wallNanos) {

        public double journalBytesPerPacket() {
            return packets.generated() == 0 ? 0 : (double) journalBytes() / packets.generated();
        }

        /** @return whether every generated packet is delivered or counted as dropped */
        public boolean balanced() {
            return packets.generated() == packets.delivered() + packets.dropped();
        }
    }

    /** The samples' file in the output folder. */
    public static final String SAMPLES_CSV = "samples.csv";

    private SoakBenchmark() {
    }

    /** @return the soak's scenario: the pacing's traffic, the consumer, then the overrides */
    static Scenario scenario(Options options) {
        return NicsimPath.scenario(options.pacing(), options.consumer(), options.overrides());
    }

    /**
     * Checks the options against this machine before anything is written: the scenario loads, and the scratch
     * file system can hold the journal.
     *
     * @throws IllegalArgumentException with one line saying what is wrong
     */
    public static void check(Options options) throws IOException {
        scenario(options);
        Path root = ScratchDir.root();
        String problem = spaceProblem(options.estimatedJournalBytes(), Files.getFileStore(root).getUsableSpace(), root);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** @return why the scratch file system cannot hold the journal, or null if it can */
    static String spaceProblem(long estimatedBytes, long usableBytes, Path where) {
        if (usableBytes >= estimatedBytes + estimatedBytes / 4) {
            return null;
        }
        return String.format(Locale.ROOT, "the run's journal needs about %.1f GB (%.0f bytes per packet) and %s has"
                        + " %.1f GB free; shorten --duration or lower --rate", estimatedBytes / 1e9,
                JOURNAL_BYTES_PER_PACKET, where, usableBytes / 1e9);
    }

    public static Result run(Options options, String command, PrintWriter progress) throws Exception {
        Scenario scenario = scenario(options);
        Files.createDirectories(options.outDir());
        try (ScratchDir scratch = ScratchDir.create("soak")) {
            Path queues = scratch.resolve("queues");
            Path store = queues.getParent();
            MachineChecks checks = QuietChecks.look(List.of(scenario));
            progress.printf(Locale.ROOT, "soak: %s at %s pps, %s, %s; journal about %.1f GB on %s (discarded at the"
                            + " end); a sample every %s into %s%n", Units.describeDuration(options.durationNanos()),
                    Format.rate(options.ratePerSecond()), options.consumer(), String.join(" ", options.overrides()),
                    options.estimatedJournalBytes() / 1e9, store, Units.describeDuration(options.sampleIntervalNanos()),
                    options.outDir().resolve(SAMPLES_CSV));
            progress.printf(Locale.ROOT, "machine: other processes used %s cores just before the run%n",
                    MachineLoad.cores(checks.otherCores()));
            checks.warnings().forEach(w -> progress.println("warning: " + w));
            progress.flush();
            List<Histogram> perMinute = new ArrayList<>();
            long[] seconds = {0};
            RunOptions runOptions = RunOptions.defaults().withKeepJournal(true).withRecorded((recorder, jitter) -> {
                seconds[0] = recorder.intervalCount();
                perMinute.addAll(minuteHistograms(recorder));
            });
            // as every run: below its floor the journal's filesystem stops the traffic, never a SIGBUS
            runOptions.stop().watching(DiskWatch.of(List.of(
                    new DiskWatch.Watched(queues, DiskBudget.floorBytes(scenario, false, true)))));
            long start = System.nanoTime();
            MachineLoad.Sample load = MachineLoad.sample();
            RunResult run;
            List<SoakSample> samples;
            try (SoakSampler sampler = SoakSampler.start(queues, options.sampleIntervalNanos(),
                    options.gcIntervalNanos(), options.outDir().resolve(SAMPLES_CSV), progress)) {
                run = ConsumerRun.run(scenario, options.consumer(), options.consumer(), queues, null,
                        SystemNanoClock.INSTANCE, runOptions);
                sampler.close(); // the samples judged are those taken while the traffic played
                samples = sampler.samples();
            }
            if (runOptions.stop().cutShort() != null) {
                progress.println("cut short: " + runOptions.stop().cutShort().describe()
                        + "; the figures cover the run until then");
            }
            long journalBytes = SoakSampler.treeBytes(queues);
            double otherCores = MachineLoad.since(load).otherCores();
            return new Result(options, Machine.current(), command, checks, samples,
                    minutes(samples, perMinute, seconds[0]),
                    SoakVerdict.of(samples), run.packets(), journalBytes, otherCores, System.nanoTime() - start);
        }
    }

    /** @return the recorder's per-second histograms (the warm-up's seconds included) merged per minute */
    static List<Histogram> minuteHistograms(LatencyRecorder recorder) {
        List<Histogram> minutes = new ArrayList<>();
        for (int i = 0; i < recorder.intervalCount(); i++) {
            if (i % MINUTE_SECONDS == 0) {
                minutes.add(LatencyRecorder.newHistogram());
            }
            minutes.getLast().add(recorder.interval(i));
        }
        return minutes;
    }

    /**
     * @param samples    in time order
     * @param histograms per minute of intended arrival
     * @param seconds    seconds the histograms cover (the last minute may be partial)
     * @return a row per minute: the minute's last sample, its delivered rate and latency
     */
    static List<Minute> minutes(List<SoakSample> samples, List<Histogram> histograms, long seconds) {
        List<Minute> rows = new ArrayList<>();
        // a row per minute of traffic; samples taken after its last minute (the drain) count in that minute
        int count = !histograms.isEmpty() ? histograms.size() : samples.isEmpty() ? 0
                : (int) (samples.getLast().elapsedNanos() / (MINUTE_SECONDS * 1_000_000_000L)) + 1;
        for (int m = 0; m < count; m++) {
            long fromNanos = m * MINUTE_SECONDS * 1_000_000_000L;
            long endNanos = m == count - 1 ? Long.MAX_VALUE : fromNanos + MINUTE_SECONDS * 1_000_000_000L;
            SoakSample last = null;
            double others = 0;
            int inMinute = 0;
            for (SoakSample s : samples) {
                if (s.elapsedNanos() < endNanos || last == null) {
                    last = s;
                }
                if (s.elapsedNanos() < endNanos && s.elapsedNanos() >= fromNanos) {
                    others += s.otherCores();
                    inMinute++;
                }
            }
            Histogram h = m < histograms.size() ? histograms.get(m) : LatencyRecorder.newHistogram();
            long covered = Math.max(1, Math.min(MINUTE_SECONDS, seconds - (long) m * MINUTE_SECONDS));
            rows.add(new Minute(m + 1, last, (double) h.getTotalCount() / covered, LatencyFigures.of(h),
                    inMinute == 0 ? 0 : others / inMinute));
        }
        return rows;
    }
}
