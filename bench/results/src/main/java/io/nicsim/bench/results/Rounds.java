package io.nicsim.bench.results;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A run played in rounds (summary.json {@code runs[].rounds}): its notification latency figures as the median over
 * the rounds with their range, and each round's own figures. The run's other keys hold the rounds pooled (histograms
 * added, counts summed).
 *
 * @param count             rounds played
 * @param notificationNanos {@code p50}, {@code p90}, {@code p99}, {@code p999}, {@code max} of notification latency:
 *                          the median over rounds, the smallest and the largest
 * @param perRound          each round, in the order played
 */
public record Rounds(int count, Map<String, Spread> notificationNanos, List<Round> perRound) {

    /** The figures a round's spread is kept for, by summary.json key. */
    private static final Map<String, ToLongFunction<LatencySummary>> FIGURES = figures();

    /**
     * One figure across rounds.
     *
     * @param median the median over rounds (the mean of the two middle ones for an even count, rounded)
     * @param min    the smallest round's
     * @param max    the largest round's
     */
    public record Spread(long median, long min, long max) {

        /** @return the spread of {@code values} (at least one) */
        public static Spread of(long[] values) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            long median = n % 2 == 1 ? sorted[n / 2] : Math.round((sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2);
            return new Spread(median, sorted[0], sorted[n - 1]);
        }
    }

    /**
     * One round of the run.
     *
     * @param round             which round, from 1
     * @param position          where the run played in that round's order, from 0
     * @param notificationNanos its notification latency
     * @param packets           its accounting (generated = delivered + dropped)
     * @param interrupts        interrupts the device raised
     * @param platformJitter    the platform's jitter over its measured window (null if not probed)
     * @param files             its own files, relative to the run folder
     * @param journal           the folder of its Chronicle queues ({@code queues/<run>.round-<r>}), or null
     */
    public record Round(int round, int position, LatencySummary notificationNanos, RunResult.PacketCounts packets,
                        long interrupts, PlatformJitter platformJitter, Map<String, String> files, String journal) {

        /** @return round {@code round}, played at {@code position}, as {@code result} ran it */
        public static Round of(int round, int position, RunResult result) {
            return new Round(round, position, result.latencyNanos().notification(), result.packets(),
                    result.interrupts(), result.platformJitter(), result.files(), result.journal());
        }
    }

    /** @return the rounds' figures and spreads */
    public static Rounds of(List<Round> perRound) {
        Map<String, Spread> spreads = new LinkedHashMap<>();
        FIGURES.forEach((key, figure) -> spreads.put(key, Spread.of(perRound.stream()
                .mapToLong(round -> figure.applyAsLong(round.notificationNanos())).toArray())));
        return new Rounds(perRound.size(), spreads, List.copyOf(perRound));
    }

    /** @return the spread of one figure ({@code p50}, {@code p90}, {@code p99}, {@code p999}, {@code max}) */
    public Spread spread(String figure) {
        return notificationNanos.get(figure);
    }

    private static Map<String, ToLongFunction<LatencySummary>> figures() {
        Map<String, ToLongFunction<LatencySummary>> figures = new LinkedHashMap<>();
        figures.put("p50", LatencySummary::p50);
        figures.put("p90", LatencySummary::p90);
        figures.put("p99", LatencySummary::p99);
        figures.put("p999", LatencySummary::p999);
        figures.put("max", LatencySummary::max);
        return figures;
    }
}
