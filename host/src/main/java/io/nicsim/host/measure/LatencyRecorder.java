package io.nicsim.host.measure;

import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.traffic.TrafficClasses;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records each handled packet's latency into HdrHistograms, on the consumer's thread.
 *
 * <p>Notification latency is {@code woken - intended}: measured from when the packet was due to arrive, not
 * from when the simulator managed to inject it, so a stalled device or host cannot hide its stall by delaying
 * the packets it measures (coordinated omission; docs/semantics.md#measurement, JLBH and HdrHistogram). The
 * uncorrected figure {@code woken - injected} is kept beside it so the difference shows, and the way from
 * injection to the end of the handler is split into {@link Stage}s. Packets intended before the end of the
 * warm-up are counted but not recorded.
 *
 * <p>Over time: notification latency is also recorded into one histogram per second of the traffic schedule
 * ({@link #interval(int)}), warm-up included, indexed by the packet's intended time, for an interval log
 * (HdrHistogram's {@code .hlog}). They are allocated up front, so recording allocates nothing; each takes about
 * 110 KB (int counts, {@value #SIGNIFICANT_DIGITS} digits up to a minute), so an hour's run holds about 400 MB.
 * Packets outside the schedule (none in a run) fall into the first or last interval.
 *
 * <p>With a {@link PacketStampSink} other than {@link PacketStampSink#NONE}, each packet's host stamps are also
 * handed to it, for a per-packet export.
 *
 * <p>Notification latency is also kept per traffic class ({@link TrafficClasses}), for priority studies.
 *
 * <p>Writers: a recorder made {@linkplain #LatencyRecorder(int, int, PacketStampSink, boolean) for one writer}
 * is recorded into by one thread only (plain histograms); one made for many writers, by any number of threads
 * at once (HdrHistogram's {@link ConcurrentHistogram}: wait-free atomic increments, no lock), for consumer
 * shapes with a thread per flow or a pool. Read the histograms after every writer stopped.
 */
public final class LatencyRecorder {

    /** Largest latency the histograms track: one minute. */
    public static final long HIGHEST_TRACKABLE_NANOS = 60_000_000_000L;
    /** Significant decimal digits of every histogram. */
    public static final int SIGNIFICANT_DIGITS = 3;

    /** Length of one over-time interval: one second. */
    public static final long INTERVAL_NANOS = 1_000_000_000L;

    private static final Stage[] STAGES = Stage.values();

    private final boolean concurrent;
    /** Index 0: measured packets; index 1: warm-up packets (recorded the same way, then ignored). */
    private final Histogram[] notification;
    private final Histogram[] notificationUncorrected;
    private final Histogram[][] stages = new Histogram[STAGES.length][];
    /**
     * Wake-up latency once per wake-up (woken - delivered of the first notified packet a wake-up handled), measured /
     * not counted: the wake stage's per-packet figure weighs a long wake-up by the packets that queued behind it.
     */
    private final Histogram[] wakeUps;
    /** The woken stamp of the last packet recorded: a new value starts a new wake-up. */
    private long lastWokenNanos = Long.MIN_VALUE;
    /** The device's lag, appended - written back (actual - model time of its write-back), measured / warm-up. */
    private final Histogram[] deviceLag;
    /** Notification latency per traffic class, then measured / warm-up. */
    private final Histogram[][] byClass = new Histogram[2][];
    /** Until {@link #measureFrom} is called everything is measured (times are within 2^62 ns of each other). */
    private long measureFromNanos = Long.MIN_VALUE / 2;
    private long handled;
    private final AtomicLong handledPublished = new AtomicLong();
    /** Notification latency per second of the schedule: warm-up intervals first. */
    private final AbstractHistogram[] intervals;
    private final int lastInterval;
    private final int warmupIntervals;
    /** Intended time at which interval 0 starts; set by {@link #measureFrom}. */
    private long intervalOriginNanos = Long.MIN_VALUE / 2;
    private final PacketStampSink sink;

    /** A recorder with a single over-time interval and no per-packet export (tests, tools). */
    public LatencyRecorder() {
        this(0, 1, PacketStampSink.NONE);
    }

    /**
     * @param warmupIntervals   seconds of warm-up the over-time intervals cover before the measured time
     * @param measuredIntervals seconds of measured time they cover (at least 1 interval in all)
     * @param sink              where each packet's host stamps go ({@link PacketStampSink#NONE}: nowhere)
     */
    public LatencyRecorder(int warmupIntervals, int measuredIntervals, PacketStampSink sink) {
        this(warmupIntervals, measuredIntervals, sink, false);
    }

    /**
     * @param concurrent whether many threads record at once (then {@code sink} must be
     *                   {@link PacketStampSink#NONE}: a per-packet export has one writer)
     */
    public LatencyRecorder(int warmupIntervals, int measuredIntervals, PacketStampSink sink, boolean concurrent) {
        if (concurrent && sink != PacketStampSink.NONE) {
            throw new IllegalArgumentException("a per-packet export needs a single-writer recorder");
        }
        this.concurrent = concurrent;
        this.notification = pair();
        this.notificationUncorrected = pair();
        this.deviceLag = pair();
        this.wakeUps = pair();
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = pair();
        }
        if (warmupIntervals < 0 || measuredIntervals < 0 || warmupIntervals + measuredIntervals < 1) {
            throw new IllegalArgumentException("need at least one interval, got " + warmupIntervals + " warm-up and "
                    + measuredIntervals + " measured");
        }
        for (int i = 0; i < stages.length; i++) {
            stages[i] = pair();
        }
        this.warmupIntervals = warmupIntervals;
        this.intervals = new AbstractHistogram[warmupIntervals + measuredIntervals];
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = concurrent ? new ConcurrentHistogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS)
                    : new RisingHistograms.IntCounts(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
        }
        this.lastInterval = intervals.length - 1;
        this.sink = sink;
    }

    /**
     * One run played in several rounds, as one recorder: the rounds' measured histograms added together (HdrHistogram
     * add) and their measured seconds one after another, without warm-up intervals.
     *
     * @param rounds recorders of runs whose writers all stopped
     * @return a single-writer recorder holding them, not to be recorded into
     */
    public static LatencyRecorder pooled(List<LatencyRecorder> rounds) {
        int measuredIntervals = 0;
        for (LatencyRecorder round : rounds) {
            measuredIntervals += round.intervals.length - round.warmupIntervals;
        }
        LatencyRecorder pooled = new LatencyRecorder(0, Math.max(1, measuredIntervals), PacketStampSink.NONE, false);
        int next = 0;
        for (LatencyRecorder round : rounds) {
            pooled.notification[0].add(round.notification[0]);
            pooled.notificationUncorrected[0].add(round.notificationUncorrected[0]);
            pooled.wakeUps[0].add(round.wakeUps[0]);
            pooled.deviceLag[0].add(round.deviceLag[0]);
            for (int i = 0; i < STAGES.length; i++) {
                pooled.stages[i][0].add(round.stages[i][0]);
            }
            for (int c = 0; c < pooled.byClass.length; c++) {
                pooled.byClass[c][0].add(round.byClass[c][0]);
            }
            for (int i = round.warmupIntervals; i < round.intervals.length; i++) {
                pooled.intervals[next++].add(round.intervals[i]);
            }
            pooled.handled += round.packetsHandled();
        }
        pooled.handledPublished.set(pooled.handled);
        return pooled;
    }

    /** @return the number of whole seconds covering {@code nanos} (0 for 0) */
    public static int intervalsCovering(long nanos) {
        return Math.toIntExact((nanos + INTERVAL_NANOS - 1) / INTERVAL_NANOS);
    }

    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    private static Histogram rising() {
        return new RisingHistograms.LongCounts(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    private Histogram[] pair() {
        return concurrent
                ? new Histogram[] {new ConcurrentHistogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS),
                        new ConcurrentHistogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS)}
                : new Histogram[] {rising(), rising()};
    }

    /** @return whether many threads may record at once */
    public boolean isConcurrent() {
        return concurrent;
    }

    /**
     * Packets intended before {@code measureFromNanos} are the warm-up: counted, not recorded. The over-time
     * intervals start {@code warmupIntervals} seconds before it.
     */
    public void measureFrom(long measureFromNanos) {
        this.measureFromNanos = measureFromNanos;
        this.intervalOriginNanos = measureFromNanos - warmupIntervals * INTERVAL_NANOS;
    }

    /** Records a packet found by polling, with no interrupt behind it. */
    public void record(DescriptorRecord descriptor, long wokenNanos, long handledNanos) {
        record(descriptor, wokenNanos, handledNanos, wokenNanos, wokenNanos);
    }

    /**
     * @param descriptor     the packet
     * @param wokenNanos     when the consumer was running and could first act on it
     * @param handledNanos   when its handler finished
     * @param raisedNanos    when the interrupt that notified it was raised ({@code wokenNanos} if none did); a
     *                       value before the descriptor's {@code writtenBackNanos} is impossible and read as "none
     *                       did"
     * @param deliveredNanos when that interrupt reached the host ({@code wokenNanos} if none did)
     */
    public void record(DescriptorRecord descriptor, long wokenNanos, long handledNanos, long raisedNanos,
                       long deliveredNanos) {
        record(descriptor.packetId, descriptor.trafficClass, descriptor.intendedNanos, descriptor.injectedNanos,
                descriptor.detectedNanos, descriptor.writtenNanos, descriptor.writtenBackNanos,
                descriptor.appendedNanos, wokenNanos, handledNanos, raisedNanos, deliveredNanos);
    }

    /** Records a packet handed from the driver to another thread, with its device and interrupt stamps. */
    public void record(Packet packet, long wokenNanos, long handledNanos) {
        record(packet.packetId, packet.trafficClass, packet.intendedNanos, packet.injectedNanos, packet.detectedNanos,
                packet.writtenNanos, packet.writtenBackNanos, packet.appendedNanos, wokenNanos, handledNanos,
                packet.raisedNanos, packet.deliveredNanos);
    }

    /**
     * A packet the handler failed: not recorded nor counted as handled, only journaled for a per-packet export (its
     * handled stamp {@link HostStampRecord#FAILED}). The consumer's thread, as {@link #record}.
     */
    public void recordFailed(Packet packet, long wokenNanos) {
        sink.stamp(packet.packetId, wokenNanos, HostStampRecord.FAILED, packet.raisedNanos, packet.deliveredNanos);
    }

    private void record(long packetId, int trafficClass, long intendedNanos, long injectedNanos, long detectedNanos,
                        long writtenNanos, long writtenBackNanos, long appendedNanos, long wokenNanos,
                        long handledNanos, long raisedNanos, long deliveredNanos) {
        if (concurrent) {
            handledPublished.incrementAndGet();
        } else {
            handledPublished.lazySet(++handled);
        }
        // An interrupt raised before the packet's descriptor was written back cannot have notified it: the device
        // writes a packet's descriptor back before it raises any interrupt covering it, on one thread. Such a pairing
        // comes from the caller matching the packet with an earlier interrupt (an entry that became visible in the
        // interrupt log between its skip and its check); the packet then counts as found by polling. Branch-free
        // selects.
        boolean impossible = raisedNanos < writtenBackNanos;
        raisedNanos = impossible ? wokenNanos : raisedNanos;
        deliveredNanos = impossible ? wokenNanos : deliveredNanos;
        // Branch-free choice of histogram: warm-up packets take exactly the code path measured ones take, so
        // the JIT has compiled that path before measuring starts (a branch never taken in warm-up would be
        // compiled as an uncommon trap and deoptimise on the first measured packet).
        int warmup = (int) ((intendedNanos - measureFromNanos) >>> 63);
        long notificationNanos = clamp(wokenNanos - intendedNanos);
        notification[warmup].recordValue(notificationNanos);
        byClass[trafficClass & 1][warmup].recordValue(notificationNanos);
        long slot = (intendedNanos - intervalOriginNanos) / INTERVAL_NANOS;
        intervals[(int) Math.min(Math.max(slot, 0), lastInterval)].recordValue(notificationNanos);
        notificationUncorrected[warmup].recordValue(clamp(wokenNanos - injectedNanos));
        stages[0][warmup].recordValue(clamp(detectedNanos - injectedNanos));
        stages[1][warmup].recordValue(clamp(writtenNanos - detectedNanos));
        stages[2][warmup].recordValue(clamp(writtenBackNanos - writtenNanos));
        stages[3][warmup].recordValue(clamp(raisedNanos - writtenBackNanos));
        stages[4][warmup].recordValue(clamp(deliveredNanos - raisedNanos));
        stages[5][warmup].recordValue(clamp(wokenNanos - deliveredNanos));
        // the first packet a wake-up handled, if an interrupt notified it: recorded once per wake-up, not per packet
        // (warm-up takes both ways of the branch, so the JIT compiles both before measuring)
        if (wokenNanos != lastWokenNanos & deliveredNanos < wokenNanos) {
            wakeUps[warmup].recordValue(clamp(wokenNanos - deliveredNanos));
        }
        lastWokenNanos = wokenNanos;
        stages[6][warmup].recordValue(clamp(handledNanos - wokenNanos));
        deviceLag[warmup].recordValue(clamp(appendedNanos - writtenBackNanos));
        sink.stamp(packetId, wokenNanos, handledNanos, raisedNanos, deliveredNanos);
    }

    private static long clamp(long nanos) {
        return Math.min(Math.max(nanos, 0), HIGHEST_TRACKABLE_NANOS);
    }

    /** @return packets handled so far, warm-up included (any thread) */
    public long packetsHandled() {
        return handledPublished.get();
    }

    /** @return notification latency of measured packets: woken - intended */
    public Histogram notification() {
        return notification[0];
    }

    /** @return notification latency of measured packets from their actual injection: woken - injected */
    public Histogram notificationUncorrected() {
        return notificationUncorrected[0];
    }

    /**
     * @param trafficClass {@link TrafficClasses#LOW} or {@link TrafficClasses#HIGH}
     * @return notification latency of that class's measured packets
     */
    public Histogram notification(int trafficClass) {
        return byClass[trafficClass][0];
    }

    /** @return the distribution of one stage over the measured packets */
    public Histogram stage(Stage stage) {
        return stages[stage.ordinal()][0];
    }

    /**
     * @return wake-up latency once per measured wake-up: woken - delivered of the first packet an interrupt notified
     *         and a wake-up handled (a wake-up is told apart by its woken stamp; with many writers, approximately)
     */
    public Histogram wakeUps() {
        return wakeUps[0];
    }

    /**
     * @return how late the device was, per measured packet: when its descriptor was actually appended minus its model
     *         write time (docs/semantics.md#device-time)
     */
    public Histogram deviceLag() {
        return deviceLag[0];
    }

    /** @return the number of over-time intervals, warm-up ones included */
    public int intervalCount() {
        return intervals.length;
    }

    /** @return how many of the first intervals cover the warm-up */
    public int warmupIntervals() {
        return warmupIntervals;
    }

    /**
     * @param index 0 to {@link #intervalCount()} - 1; interval {@code i} holds the packets intended in
     *              {@code [origin + i s, origin + (i + 1) s)}, the origin being {@link #warmupIntervals()} seconds
     *              before the measured time
     * @return that second's notification latency (read after the consumer stopped)
     */
    public AbstractHistogram interval(int index) {
        return intervals[index];
    }
}
