package io.nicsim.bench.run;

import io.nicsim.bench.report.PacketsCsv;
import io.nicsim.bench.results.JitterRecording;
import io.nicsim.bench.results.Rounds;
import io.nicsim.bench.results.RunFiles;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.scenario.RunConfig;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.measure.LatencyRecorder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plays a paced study's runs in rounds: each round plays every run for its share of the measured time, in an order
 * that rotates by one run every round, so no run always plays first, or always right after the same neighbour; each
 * run's rounds are then pooled into one result. Trade-off: every round pays its own warm-up and thread start, in
 * exchange for figures that no longer depend on when in the study a run played.
 */
final class StudyRounds {

    /**
     * One run of a study and where its files go.
     *
     * @param spec   what runs
     * @param files  where its pooled files go; each round's in {@link RunFiles#round}
     * @param shownAs its name in the progress lines (a sweep's adds the point)
     * @param point   the sweep's point it belongs to, as its live seconds name it (null: the study's own)
     */
    record Slot(RunSpec spec, RunFiles files, String shownAs, String point) {

        /** A slot shown by its run's label. */
        Slot(RunSpec spec, RunFiles files) {
            this(spec, files, spec.label(), null);
        }
    }

    private final List<Slot> slots;
    private final NanoClock clock;
    private final RunOptions options;
    private final List<List<RunResult>> results = new ArrayList<>();
    private final List<List<LatencyRecorder>> recorders = new ArrayList<>();
    private final List<List<Rounds.Round>> perRound = new ArrayList<>();
    private final List<List<JitterRecording>> jitters = new ArrayList<>();
    private final long[] firstIntervalEpochMillis;

    private StudyRounds(List<Slot> slots, NanoClock clock, RunOptions options) {
        this.slots = slots;
        this.clock = clock;
        this.options = options;
        for (int i = 0; i < slots.size(); i++) {
            results.add(new ArrayList<>());
            recorders.add(new ArrayList<>());
            perRound.add(new ArrayList<>());
            jitters.add(new ArrayList<>());
        }
        firstIntervalEpochMillis = new long[slots.size()];
    }

    /**
     * @param rounds how many rounds (each run's measured time split evenly over them)
     * @return each run's pooled result, in the slots' order; null for a run a stop request left with no round
     */
    static List<RunResult> play(List<Slot> slots, int rounds, NanoClock clock, RunOptions options)
            throws Exception {
        StudyRounds study = new StudyRounds(slots, clock, options);
        int n = slots.size();
        long startNanos = System.nanoTime();
        for (int round = 1; round <= rounds && !options.stop().requested(); round++) {
            long elapsedNanos = System.nanoTime() - startNanos;
            options.progress().line(String.format(Locale.ROOT, "round %d of %d%s", round, rounds, round == 1 ? ""
                    : "  (elapsed " + Progress.clock(elapsedNanos) + ", about "
                    + Progress.clock(elapsedNanos / (round - 1) * (rounds - round + 1)) + " left)"));
            for (int position = 0; position < n && !options.stop().requested(); position++) {
                study.playOne((position + round - 1) % n, round, position);
            }
        }
        List<RunResult> pooled = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pooled.add(study.results.get(i).isEmpty() ? null : study.pool(i));
        }
        return pooled;
    }

    /** Plays run {@code index} as round {@code round}, at {@code position} in that round's order. */
    private void playOne(int index, int round, int position) throws Exception {
        RunSpec spec = slots.get(index).spec();
        Scenario scenario = spec.scenario().withConsumer(spec.consumer()).oneRound();
        RunConfig run = scenario.run();
        RunFiles files = slots.get(index).files().round(round);
        options.progress().startRun(position, slots.size(), slots.get(index).shownAs(), run.warmupNanos(),
                run.durationNanos());
        LatencyRecorder[] recorded = new LatencyRecorder[1];
        JitterRecording[] probed = new JitterRecording[1];
        LiveTarget live = slots.get(index).point() != null ? options.live().atPoint(slots.get(index).point())
                : options.live();
        RunOptions roundOptions = options.withRecorded((recorder, jitter) -> {
            recorded[0] = recorder;
            probed[0] = jitter;
            options.recorded().recorded(recorder, jitter);
        }).withLive(live.inRound(round)); // its seconds: "platform-thread round 2"
        long startEpochMillis = System.currentTimeMillis();
        try {
            RunResult result = ConsumerRun.run(scenario, spec.label(), spec.consumer(), files.queueDir(), files, clock,
                    roundOptions);
            if (results.get(index).isEmpty()) {
                firstIntervalEpochMillis[index] = startEpochMillis
                        + (ConsumerRun.START_LEAD_NANOS + run.warmupNanos()) / 1_000_000;
            }
            results.get(index).add(result);
            recorders.get(index).add(recorded[0]);
            if (probed[0] != null) {
                jitters.get(index).add(probed[0]);
            }
            perRound.get(index).add(Rounds.Round.of(round, position, result));
        } finally {
            options.progress().endRun();
        }
    }

    /** Run {@code index}'s rounds as one result, with its pooled histogram files. */
    private RunResult pool(int index) throws Exception {
        RunFiles files = slots.get(index).files();
        LatencyRecorder pooled = LatencyRecorder.pooled(recorders.get(index));
        // every paced round has a probe; its seconds line up with the recorder's measured ones, round after round
        JitterRecording jitter = jitters.get(index).size() == recorders.get(index).size()
                ? JitterRecording.pooled(jitters.get(index)) : null;
        RunResult result = RoundsPool.pool(results.get(index), pooled, perRound.get(index),
                jitter == null ? null : jitter.figures(), results.get(index).getFirst().journal());
        Map<String, String> written = new LinkedHashMap<>(RunFolderWriter.writeHistograms(files, pooled, jitter,
                firstIntervalEpochMillis[index], result.name()));
        List<Path> packets = perRound.get(index).stream().map(Rounds.Round::files)
                .filter(roundFiles -> roundFiles != null && roundFiles.containsKey("packets"))
                .map(roundFiles -> files.runDir().resolve(roundFiles.get("packets"))).toList();
        if (!packets.isEmpty()) {
            PacketsCsv.joinRounds(files.filesDir().resolve(RunFiles.PACKETS), packets);
            written.put("packets", files.relative(RunFiles.PACKETS));
        }
        return result.withFiles(written);
    }
}
