package io.nicsim.host.measure;

import io.nicsim.nic.record.DescriptorRecord;
import org.HdrHistogram.Histogram;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Records each handled packet's latency into HdrHistograms, on the consumer's thread.
 *
 * <p>Notification latency is {@code woken - intended}: measured from when the packet was due to arrive, not
 * from when the simulator managed to inject it, so a stalled device or host cannot hide its stall by delaying
 * the packets it measures (coordinated omission; REFERENCE section 7, JLBH and HdrHistogram). The
 * uncorrected figure {@code woken - injected} is kept beside it so the difference shows, and the way from
 * injection to the end of the handler is split into {@link Stage}s. Packets intended before the end of the
 * warm-up are counted but not recorded.
 *
 * <p>Single writer: only the consumer thread calls {@link #record}; read the histograms after it stopped.
 */
public final class LatencyRecorder {

    /** Largest latency the histograms track: one minute. */
    public static final long HIGHEST_TRACKABLE_NANOS = 60_000_000_000L;
    /** Significant decimal digits of every histogram. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private static final Stage[] STAGES = Stage.values();

    /** Index 0: measured packets; index 1: warm-up packets (recorded the same way, then ignored). */
    private final Histogram[] notification = pair();
    private final Histogram[] notificationUncorrected = pair();
    private final Histogram[][] stages = new Histogram[STAGES.length][];
    /** Until {@link #measureFrom} is called everything is measured (times are within 2^62 ns of each other). */
    private long measureFromNanos = Long.MIN_VALUE / 2;
    private long handled;
    private final AtomicLong handledPublished = new AtomicLong();

    public LatencyRecorder() {
        for (int i = 0; i < stages.length; i++) {
            stages[i] = pair();
        }
    }

    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    private static Histogram[] pair() {
        return new Histogram[] {newHistogram(), newHistogram()};
    }

    /** Packets intended before {@code measureFromNanos} are the warm-up: counted, not recorded. */
    public void measureFrom(long measureFromNanos) {
        this.measureFromNanos = measureFromNanos;
    }

    /** Records a packet found by polling, with no interrupt behind it. */
    public void record(DescriptorRecord descriptor, long wokenNanos, long handledNanos) {
        record(descriptor, wokenNanos, handledNanos, wokenNanos, wokenNanos);
    }

    /**
     * @param descriptor     the packet
     * @param wokenNanos     when the consumer was running and could first act on it
     * @param handledNanos   when its handler finished
     * @param raisedNanos    when the interrupt that notified it was raised ({@code wokenNanos} if none did)
     * @param deliveredNanos when that interrupt reached the host ({@code wokenNanos} if none did)
     */
    public void record(DescriptorRecord descriptor, long wokenNanos, long handledNanos, long raisedNanos,
                       long deliveredNanos) {
        handledPublished.lazySet(++handled);
        // Branch-free choice of histogram: warm-up packets take exactly the code path measured ones take, so
        // the JIT has compiled that path before measuring starts (a branch never taken in warm-up would be
        // compiled as an uncommon trap and deoptimise on the first measured packet).
        int warmup = (int) ((descriptor.intendedNanos - measureFromNanos) >>> 63);
        notification[warmup].recordValue(clamp(wokenNanos - descriptor.intendedNanos));
        notificationUncorrected[warmup].recordValue(clamp(wokenNanos - descriptor.injectedNanos));
        stages[0][warmup].recordValue(clamp(descriptor.detectedNanos - descriptor.injectedNanos));
        stages[1][warmup].recordValue(clamp(descriptor.writtenNanos - descriptor.detectedNanos));
        stages[2][warmup].recordValue(clamp(raisedNanos - descriptor.writtenNanos));
        stages[3][warmup].recordValue(clamp(deliveredNanos - raisedNanos));
        stages[4][warmup].recordValue(clamp(wokenNanos - deliveredNanos));
        stages[5][warmup].recordValue(clamp(handledNanos - wokenNanos));
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

    /** @return the distribution of one stage over the measured packets */
    public Histogram stage(Stage stage) {
        return stages[stage.ordinal()][0];
    }
}
