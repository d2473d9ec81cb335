package io.nicsim.bench.run;

import io.nicsim.bench.scenario.RunConfig;

import io.nicsim.bench.scale.ScaleResult;
import io.nicsim.bench.scale.ScaleStudy;
import io.nicsim.host.Consumers;
import io.nicsim.host.cost.RunCosts;
import io.nicsim.host.shape.EventLoopsConsumer;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memory per waiting consumer for a run's table: after the run, a probe JVM of its own ({@link ScaleStudy}) parks
 * N waiters of the kind the consumer waits as and reports the memory each holds. Each kind is probed
 * once per nicsim process. Busy-poll and the shapes with a thread per flow or pool wait as platform threads, the epoll
 * consumers as threads in epoll_wait on an eventfd each (the virtual one's waiter holds its carrier, an OS thread), the
 * virtual-thread shapes as virtual threads, the event loops as callbacks registered on a loop. The probe JVM
 * starts after the run ended, so it never competes with a measurement.
 */
public final class MemoryProbe {

    /** Waiters a probe parks by default: enough that a thread's stack dominates, few enough to be quick. */
    public static final int DEFAULT_WAITERS = RunConfig.MEMORY_PROBE_DEFAULT_WAITERS;
    private static final int WAKEUPS = 100;
    private static final Map<String, ScaleResult> PROBED = new ConcurrentHashMap<>();

    private MemoryProbe() {
    }

    /** @return the scale study's kind a consumer waits as */
    public static String waiterKind(String consumer) {
        if (consumer.startsWith("epoll-")) {
            // a waiting epoll-virtual-thread holds its carrier, an OS thread, as an epoll-thread holds its own
            return ScaleStudy.EPOLL;
        }
        if (consumer.startsWith("virtual-thread")) {
            return ScaleStudy.VIRTUAL;
        }
        if (consumer.equals(io.nicsim.host.consumer.EventLoopConsumer.NAME)
                || consumer.equals(EventLoopsConsumer.EVENT_LOOPS)) {
            return ScaleStudy.EVENT_LOOP;
        }
        if (!Consumers.NAMES.contains(consumer)) {
            throw new IllegalArgumentException("unknown consumer " + consumer);
        }
        return ScaleStudy.PLATFORM;
    }

    /**
     * Cheaper waiters are parked in larger numbers, so that their memory stands out of the resident set's page
     * granularity and noise: virtual threads 10 times, event-loop callbacks 100 times the platform threads' count.
     */
    static int scale(String kind) {
        return switch (kind) {
            case ScaleStudy.VIRTUAL -> 10;
            case ScaleStudy.EVENT_LOOP -> 100;
            default -> 1;
        };
    }

    /** @return {@code costs} with the memory per waiting consumer of {@code consumer}'s kind, if measured */
    public static RunCosts complete(RunCosts costs, String consumer, int waiters) throws InterruptedException {
        if (costs == null || waiters <= 0) {
            return costs;
        }
        String kind = waiterKind(consumer);
        int count = waiters * scale(kind);
        ScaleResult probe = PROBED.get(kind + "/" + count);
        if (probe == null) {
            probe = ScaleStudy.probeInChild(kind, count, WAKEUPS);
            if (probe.error() == null) {
                PROBED.put(kind + "/" + count, probe);
            }
        }
        // A platform thread's stack is native memory, outside the heap: resident growth counts it. A virtual
        // thread's stack chunk and an event loop's callback live on the heap: heap growth after GC counts them,
        // where resident growth (whole pages, the heap already committed) would read as zero.
        boolean platform = kind.equals(ScaleStudy.PLATFORM) || kind.equals(ScaleStudy.EPOLL);
        long bytes = platform ? probe.residentBytesPerConsumer() : probe.heapBytesPerConsumer();
        if (probe.error() != null || bytes < 0) {
            return costs.withMemory(Double.NaN, kind + " probe failed: " + probe.error());
        }
        return costs.withMemory(bytes, String.format(Locale.ROOT, "%,d %s waiters parked in a probe JVM; %s per waiter",
                probe.reached(), kind, platform ? "resident memory growth" : "heap growth after GC"));
    }
}
