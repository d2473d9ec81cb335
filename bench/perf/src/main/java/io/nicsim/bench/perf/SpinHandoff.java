package io.nicsim.bench.perf;

import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.nic.traffic.TrafficSource;
import org.HdrHistogram.Histogram;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Variant (2) of the floor: the machine's own floor, a spin hand-off between two threads. The paced sender
 * writes the intended send time into a slot and publishes it by moving a volatile sequence (a release store);
 * the receiver spins on that sequence and stamps each new slot. Nothing but a cache line moving between two
 * cores and the clock reads: no queue, no record format, nothing nicsim could remove.
 */
final class SpinHandoff {

    static final String NAME = "spin-handoff";

    /** Slots in the hand-off ring; the sender waits for a free one (never, at the rates benchmarked). */
    private static final int SLOTS = 1024;
    private static final int MASK = SLOTS - 1;

    private final long[] intendedNanos = new long[SLOTS];
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong consumed = new AtomicLong();

    private SpinHandoff() {
    }

    static BareTransport.Result run(Pacing pacing) throws Exception {
        SpinHandoff handoff = new SpinHandoff();
        long expected = pacing.scheduledPackets();
        Histogram histogram = LatencyRecorder.newHistogram();
        long[] received = new long[1];
        PacedThreads.StopFlag stop = new PacedThreads.StopFlag();
        PacedThreads.run(NAME,
                () -> startNanos -> received[0] = handoff.receive(histogram, startNanos + pacing.warmupNanos(),
                        expected, stop),
                () -> startNanos -> handoff.send(pacing.newSource(), startNanos), stop);
        return new BareTransport.Result(histogram, expected, received[0]);
    }

    private void send(TrafficSource source, long startNanos) {
        boolean pending = source.next();
        long sequence = 0;
        long consumedCache = 0;
        while (pending) {
            long nowNanos = System.nanoTime();
            int sent = 0;
            while (pending && startNanos + source.offsetNanos() <= nowNanos) {
                while (sequence - consumedCache >= SLOTS) {
                    consumedCache = consumed.get();
                    Thread.onSpinWait();
                }
                intendedNanos[(int) (sequence & MASK)] = startNanos + source.offsetNanos();
                published.lazySet(++sequence);
                pending = source.next();
                sent++;
            }
            if (sent == 0) {
                Thread.onSpinWait();
            }
        }
    }

    private long receive(Histogram histogram, long measureFromNanos, long expected, PacedThreads.StopFlag stop) {
        long next = 0;
        while (next < expected) {
            long available = published.get();
            if (available == next) {
                if (stop.stopped()) {
                    break;
                }
                Thread.onSpinWait();
                continue;
            }
            long readNanos = System.nanoTime();
            for (; next < available; next++) {
                long intended = intendedNanos[(int) (next & MASK)];
                if (intended >= measureFromNanos) {
                    histogram.recordValue(Math.max(0, readNanos - intended));
                }
            }
            consumed.lazySet(next);
        }
        return next;
    }
}
