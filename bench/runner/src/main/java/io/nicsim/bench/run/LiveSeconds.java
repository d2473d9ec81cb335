package io.nicsim.bench.run;

import io.nicsim.bench.results.LiveEvent;
import io.nicsim.bench.results.LiveFeed;
import io.nicsim.host.measure.LatencyRecorder;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * One consumer run's seconds, written to the study's live feed ({@code --live}) as {@link LiveEvent.Second}s as they
 * settle. Only the thread that runs the run samples it, when it wakes anyway ({@link #sample}: every 50 ms while a
 * paced run plays, every few thousand turns of a virtual run's loop); the device, interrupt path and consumer threads
 * do no work for it, and nothing on the per-packet path changes.
 *
 * <p>Settle rule: second {@code k} of the schedule (the recorder's interval {@code k}, warm-up seconds first) is
 * written once the run's clock is {@value #SETTLE_NANOS} ns past its end, so the packets intended in it that were still
 * in flight had that long to be handled; the rest are written at the run's end ({@link #finish}), once every writer
 * stopped. Its latency figures come from a copy of the recorder's interval ({@code copyInto} a histogram preallocated
 * here), taken while consumer threads may still record into it: a live figure may be a few packets off, and misses a
 * packet handled more than a second late; summary.json and the .hlog have the final figures. Interrupts and drops are
 * counter differences between a second's edges, each edge's counters interpolated between the two samples around it
 * (exact when the counters grew evenly between them); the consumer's CPU, read from /proc only at the first sample past
 * an edge, is a rate over the time between those reads. Drops are those counted while traffic plays (ring-full,
 * socket-full, handler-error); the other reasons are decided at the run's end, in summary.json.
 */
final class LiveSeconds {

    /** How long after a second's end it is written. */
    static final long SETTLE_NANOS = LatencyRecorder.INTERVAL_NANOS;

    /** Samples nothing, writes nothing: a run without {@code --live}. */
    static final LiveSeconds OFF = new LiveSeconds();

    /**
     * What a run's counters are read from, on the sampling thread.
     *
     * @param interrupts interrupts the device raised so far
     * @param drops      packets dropped so far, of the reasons counted while traffic plays
     * @param cpuNanos   the consumer's CPU so far, given a time on the run's clock; -1 where it is not measured
     * @param cpuCheap   whether the CPU is as cheap to read as a counter (a model's): then read at every sample and
     *                   interpolated at the edges, else read only at the first sample past an edge (/proc)
     */
    record Sources(LongSupplier interrupts, LongSupplier drops, LongUnaryOperator cpuNanos, boolean cpuCheap) {
    }

    private final LiveFeed feed;
    private final String point;
    private final String run;
    private final LatencyRecorder recorder;
    private final int seconds;
    private final int warmupSeconds;
    /** Start of second 0, on the run's clock. */
    private final long originNanos;
    /** End of the schedule, on the run's clock: the last second's end. */
    private final long endNanos;
    private final Sources sources;
    /** At each second's start (its edge; the last: the schedule's end): when, and the counters then. */
    private final long[] edgeNanos;
    private final long[] interruptsAt;
    private final long[] dropsAt;
    /** The consumer's CPU at each edge, and when it was read (-1: not measured). */
    private final long[] cpuAt;
    private final long[] cpuAtNanos;
    private final Histogram latencyCopy;
    private final AbstractHistogram jitterCopy;
    private IntFunction<AbstractHistogram> jitter;
    private int jitterFrom;
    private int edges;
    private int written;
    /** The previous sample: when, and the counters then ({@link Long#MIN_VALUE}: none yet). */
    private long lastNanos = Long.MIN_VALUE;
    private long lastInterrupts;
    private long lastDrops;
    private long lastCpu = -1;
    /** Whether {@link #lastLook} took the counters as the drain ended. */
    private boolean looked;

    private LiveSeconds() {
        feed = null;
        point = null;
        run = null;
        recorder = null;
        seconds = 0;
        warmupSeconds = 0;
        originNanos = 0;
        endNanos = 0;
        sources = null;
        edgeNanos = null;
        interruptsAt = null;
        dropsAt = null;
        cpuAt = null;
        cpuAtNanos = null;
        latencyCopy = null;
        jitterCopy = null;
    }

    private LiveSeconds(LiveTarget target, String label, LatencyRecorder recorder, long measureFromNanos,
                        long durationNanos, Sources sources) {
        this.feed = target.feed();
        this.point = target.point();
        this.run = target.runLabel(label);
        this.recorder = recorder;
        this.seconds = recorder.intervalCount();
        this.warmupSeconds = recorder.warmupIntervals();
        this.originNanos = measureFromNanos - warmupSeconds * LatencyRecorder.INTERVAL_NANOS;
        this.endNanos = measureFromNanos + durationNanos;
        this.sources = sources;
        edgeNanos = new long[seconds + 1];
        interruptsAt = new long[seconds + 1];
        dropsAt = new long[seconds + 1];
        cpuAt = new long[seconds + 1];
        cpuAtNanos = new long[seconds + 1];
        latencyCopy = LatencyRecorder.newHistogram();
        jitterCopy = new IntCountsHistogram(LatencyRecorder.HIGHEST_TRACKABLE_NANOS,
                JitterMonitor.INTERVAL_SIGNIFICANT_DIGITS);
    }

    /**
     * @param target           where the seconds go ({@link LiveTarget#NONE}: {@link #OFF}, nothing built)
     * @param label            the run's label (the target adds its round)
     * @param recorder         the run's recorder, {@link LatencyRecorder#measureFrom} given {@code measureFromNanos}
     * @param measureFromNanos when the measured window opens, on the run's clock
     * @param durationNanos    how long it lasts as planned
     * @param sources          the run's counters, built only when the target is live
     * @return a sampler of the run's seconds, or {@link #OFF}
     */
    static LiveSeconds of(LiveTarget target, String label, LatencyRecorder recorder, long measureFromNanos,
                          long durationNanos, Supplier<Sources> sources) {
        return target.live() ? new LiveSeconds(target, label, recorder, measureFromNanos, durationNanos, sources.get())
                : OFF;
    }

    /**
     * The platform-jitter probe's seconds, from when it starts.
     *
     * @param measuredSeconds the probe's histogram of measured second {@code i} (null past its window)
     */
    void jitter(IntFunction<AbstractHistogram> measuredSeconds) {
        if (feed != null) {
            jitter = measuredSeconds;
            jitterFrom = warmupSeconds;
        }
    }

    /**
     * Reads the counters, takes them at each second's start passed since the previous sample (interpolated between
     * the two samples), and writes each second that settled. Sampling thread.
     */
    void sample(long nowNanos) {
        if (feed == null) {
            return;
        }
        boolean edgeDue = edges <= seconds && nowNanos >= edgeStart(edges);
        long interrupts = sources.interrupts().getAsLong();
        long drops = sources.drops().getAsLong();
        long cpu = sources.cpuCheap() || edgeDue ? sources.cpuNanos().applyAsLong(nowNanos) : -1;
        while (edges <= seconds && nowNanos >= edgeStart(edges)) {
            takeEdge(edges++, nowNanos, interrupts, drops, cpu);
        }
        lastNanos = nowNanos;
        lastInterrupts = interrupts;
        lastDrops = drops;
        lastCpu = cpu;
        while (written < seconds && written + 1 < edges && nowNanos - edgeStart(written + 1) >= SETTLE_NANOS) {
            write(written++);
        }
    }

    /**
     * Takes the counters as the run's traffic and drain ended, while its consumer's threads still run (a thread's CPU
     * can no longer be read once it ended): the edges no sample reached (the schedule's end, when the drain ended
     * before it) are taken from them.
     */
    void lastLook(long nowNanos) {
        if (feed == null) {
            return;
        }
        sample(nowNanos);
        lastCpu = sources.cpuNanos().applyAsLong(nowNanos);
        looked = true;
    }

    /**
     * Writes every second not written yet that began before {@code playedUntilNanos}, the edges no sample reached
     * taken from the {@link #lastLook} (or, without one, the counters as they are now, at the edge's own time). Call
     * once every writer of the recorder stopped.
     *
     * @param nowNanos         now, on the run's clock
     * @param playedUntilNanos when the traffic ended (the schedule's end, or when a stop closed the wire)
     */
    void finish(long nowNanos, long playedUntilNanos) {
        if (feed == null) {
            return;
        }
        int last = written - 1;
        while (last + 1 < seconds && edgeStart(last + 1) < playedUntilNanos) {
            last++;
        }
        if (edges <= last + 1) {
            long interrupts = looked ? lastInterrupts : sources.interrupts().getAsLong();
            long drops = looked ? lastDrops : sources.drops().getAsLong();
            long cpu = looked ? lastCpu : sources.cpuNanos().applyAsLong(nowNanos);
            while (edges <= last + 1) {
                // an edge no sample reached: the drain ended before the schedule's end, a virtual run's model ended
                // before it, a run was stopped early
                long atNanos = looked ? Math.max(lastNanos, edges > 0 ? edgeNanos[edges - 1] : lastNanos)
                        : Math.max(nowNanos, edgeStart(edges));
                take(edges++, atNanos, interrupts, drops, cpu, atNanos);
            }
        }
        while (written <= last) {
            write(written++);
        }
    }

    /** @return when second {@code edge} starts (the schedule's end for the edge after the last second) */
    private long edgeStart(int edge) {
        return edge == seconds ? endNanos : originNanos + edge * LatencyRecorder.INTERVAL_NANOS;
    }

    /**
     * Takes edge {@code edge}, passed between the previous sample and this one: its counters interpolated linearly
     * between the two (the CPU too when it is cheap; else as read now), or as read now without a previous sample.
     */
    private void takeEdge(int edge, long nowNanos, long interrupts, long drops, long cpu) {
        long atNanos = edgeStart(edge);
        if (lastNanos == Long.MIN_VALUE || lastNanos >= atNanos || nowNanos <= lastNanos) {
            take(edge, nowNanos, interrupts, drops, cpu, nowNanos);
            return;
        }
        double share = (double) (atNanos - lastNanos) / (nowNanos - lastNanos);
        boolean cpuBetween = sources.cpuCheap() && lastCpu >= 0 && cpu >= 0;
        take(edge, atNanos, between(lastInterrupts, interrupts, share), between(lastDrops, drops, share),
                cpuBetween ? between(lastCpu, cpu, share) : cpu, cpuBetween ? atNanos : nowNanos);
    }

    private static long between(long from, long to, double share) {
        return from + Math.round((to - from) * share);
    }

    private void take(int edge, long atNanos, long interrupts, long drops, long cpu, long cpuNanos) {
        edgeNanos[edge] = atNanos;
        interruptsAt[edge] = interrupts;
        dropsAt[edge] = drops;
        cpuAt[edge] = cpu;
        cpuAtNanos[edge] = cpuNanos;
    }

    private void write(int k) {
        recorder.interval(k).copyInto(latencyCopy);
        long spanNanos = edgeNanos[k + 1] - edgeNanos[k];
        long interrupts = interruptsAt[k + 1] - interruptsAt[k];
        long cpuSpanNanos = cpuAtNanos[k + 1] - cpuAtNanos[k];
        Double cores = cpuAt[k] >= 0 && cpuAt[k + 1] >= 0 && cpuSpanNanos > 0
                ? Math.round(1000.0 * Math.max(0, cpuAt[k + 1] - cpuAt[k]) / cpuSpanNanos) / 1000.0 : null;
        feed.write(new LiveEvent.Second(point, run, k, k < warmupSeconds, latencyCopy.getTotalCount(),
                latencyCopy.getValueAtPercentile(50), latencyCopy.getValueAtPercentile(99),
                latencyCopy.getValueAtPercentile(99.9),
                spanNanos > 0 ? Math.round(interrupts * 1e9 / spanNanos) : interrupts,
                Math.max(0, dropsAt[k + 1] - dropsAt[k]), cores, jitterP99(k)));
    }

    /** @return the jitter probe's p99 in second {@code k}, or null where it did not run */
    private Long jitterP99(int k) {
        AbstractHistogram second = jitter == null ? null : jitter.apply(k - jitterFrom);
        if (second == null) {
            return null;
        }
        second.copyInto(jitterCopy);
        return jitterCopy.getTotalCount() > 0 ? jitterCopy.getValueAtPercentile(99) : null;
    }
}
