package io.nicsim.bench.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nicsim.host.cost.ProcStatus;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The scale study's probe, run in a process of its own for each point so a machine limit hit at one point
 * (threads, memory) cannot disturb the next: creates N waiting consumers of one kind, measures the memory they
 * hold, wakes a sample of them one at a time, and prints one JSON line ({@link ScaleResult}).
 * Usage: {@code ScaleProbe KIND COUNT WAKEUPS}.
 */
public final class ScaleProbe {

    private static final long WAKE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private ScaleProbe() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int count = Integer.parseInt(args[1]);
        int wakeups = Integer.parseInt(args[2]);
        ScaleResult result;
        try {
            result = probe(kind, count, wakeups);
        } catch (Exception | Error e) {
            result = ScaleResult.failed(kind, count, e.toString());
        }
        System.out.println(new ObjectMapper().writeValueAsString(result));
        System.out.flush();
        Runtime.getRuntime().halt(0); // do not wait for tens of thousands of threads to wind down
    }

    static Waiters waiters(String kind) {
        return switch (kind) {
            case ScaleStudy.PLATFORM -> new ThreadWaiters(false);
            case ScaleStudy.VIRTUAL -> new ThreadWaiters(true);
            case ScaleStudy.EVENT_LOOP -> new EventLoopWaiters();
            case ScaleStudy.EPOLL -> new EpollWaiters(false);
            case ScaleStudy.EPOLL_VIRTUAL -> new EpollWaiters(true);
            default -> throw new IllegalArgumentException("unknown consumer kind " + kind);
        };
    }

    static ScaleResult probe(String kind, int count, int wakeups) throws Exception {
        Waiters waiters = waiters(kind);
        waiters.prepare();
        long heapBefore = heapUsedAfterGc();
        long rssBefore = ProcStatus.self().residentKibibytes();
        long startNanos = System.nanoTime();
        int reached = waiters.create(count);
        long createMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        Thread.sleep(200); // let the last ones park
        long heapAfter = heapUsedAfterGc();
        long rssAfter = ProcStatus.self().residentKibibytes();

        Histogram wake = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        SplittableRandom random = new SplittableRandom(7);
        int sample = Math.min(wakeups, reached);
        boolean[] used = new boolean[reached];
        for (int k = 0; k < sample; k++) {
            int index = random.nextInt(reached);
            while (used[index]) {
                index = (index + 1) % reached;
            }
            used[index] = true;
            long calledNanos = System.nanoTime();
            waiters.wake(index);
            long deadline = calledNanos + WAKE_TIMEOUT_NANOS;
            long wokenNanos;
            while ((wokenNanos = waiters.wokenNanos(index)) == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            wake.recordValue(Math.max(0, (wokenNanos == 0 ? System.nanoTime() : wokenNanos) - calledNanos));
        }
        waiters.close();
        long perConsumerRss = reached == 0 || rssBefore < 0 ? -1 : Math.max(0, (rssAfter - rssBefore) * 1024 / reached);
        long perConsumerHeap = reached == 0 ? -1 : Math.max(0, (heapAfter - heapBefore) / reached);
        return new ScaleResult(kind, count, reached, waiters.stopReason(), perConsumerRss, perConsumerHeap, sample,
                wake.getValueAtPercentile(50), wake.getValueAtPercentile(99), wake.getMaxValue(), createMillis, null);
    }

    private static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
