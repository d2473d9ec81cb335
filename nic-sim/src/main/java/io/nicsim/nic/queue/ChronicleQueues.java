package io.nicsim.nic.queue;

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

    private ChronicleQueues() {
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
