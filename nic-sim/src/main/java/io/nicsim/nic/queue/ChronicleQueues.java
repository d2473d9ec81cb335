package io.nicsim.nic.queue;

import net.openhft.chronicle.core.io.SingleThreadedChecked;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.threads.LongPauser;
import net.openhft.chronicle.threads.TimingPauser;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** How every nicsim Chronicle queue is opened: one roll cycle and one way of waiting for the write lock. */
public final class ChronicleQueues {

    /** Busy-wait iterations of a writer waiting for a queue's write lock before it starts to park. */
    static final int WRITE_LOCK_SPINS = 200;

    /**
     * Entries of each index array (LARGE_DAILY's default is 32,768). With {@link #INDEX_SPACING} one index array covers
     * 2^28 (268M) records, so a run's queue keeps one index array for its first 268M records. The reason: Chronicle
     * holds each thread's view of the current index array weakly, and a view a GC cleared is replaced without the old
     * one letting go of the 80 MiB mapped window it points into; with LARGE_DAILY's arrays (4M records each) every GC
     * pinned another window for the rest of the run (a 10-minute soak at 200k pps: +105 MiB resident a minute, one
     * window per forced GC). With one array the pinned window is the first, mapped anyway. Trade-off: the array and
     * the index-to-index array take 1 MiB each in every queue file (sparse on tmpfs and ext4).
     */
    static final int INDEX_COUNT = 1 << 17;
    /**
     * Records between two index entries (LARGE_DAILY's default is 128). Trade-off: a random access
     * ({@code moveToIndex}: inspect, a resumed two-process reader) scans up to 2,048 records (about 150 KB) from the
     * nearest entry, microseconds, while the appender writes an index entry 16 times less often.
     */
    static final int INDEX_SPACING = 1 << 11;

    private ChronicleQueues() {
    }

    /**
     * Turns off Chronicle's check that an appender or tailer is used by one thread only, for the appenders and tailers
     * of {@link DeviceQueues}, each bound by design to the thread that created it. The check reads the current thread
     * on every append and read: about 8% of an append (RecordAppendBenchmark, 186 to 171 ns, on the shared 2-core
     * VM). Trade-off: a reader or writer wrongly shared between threads would no longer throw.
     *
     * @return {@code resource}
     */
    static <T extends SingleThreadedChecked> T confined(T resource) {
        resource.singleThreadedCheckDisabled(true);
        return resource;
    }

    /** Opens (creating) the queue at {@code path} for reading and writing. */
    public static ChronicleQueue open(Path path) {
        return builder(path).build();
    }

    /** Opens an existing queue at {@code path} read-only. */
    public static ChronicleQueue openReadOnly(Path path) {
        return builder(path).readOnly(true).build();
    }

    private static SingleChronicleQueueBuilder builder(Path path) {
        return SingleChronicleQueueBuilder.binary(path)
                .rollCycle(LargeRollCycles.LARGE_DAILY)
                .indexCount(INDEX_COUNT)
                .indexSpacing(INDEX_SPACING)
                .pauserSupplier(ChronicleQueues::writeLockPauser);
    }

    /**
     * How a writer waits for a queue's write lock (held for about 100 ns per record): a short spin, then parks of
     * 1 µs growing to 20 µs. Chronicle's default spins and then calls {@code Thread.yield()}, and a yielding virtual
     * thread is run again at once: writers waiting on every carrier starve the virtual thread that holds the lock
     * whenever it was unmounted mid-write, until the lock's 15 s timeout; parking hands the carrier back, at the
     * cost of a few µs for a writer that loses the spin.
     */
    static TimingPauser writeLockPauser() {
        return new LongPauser(WRITE_LOCK_SPINS, 0, 1, 20, TimeUnit.MICROSECONDS);
    }
}
