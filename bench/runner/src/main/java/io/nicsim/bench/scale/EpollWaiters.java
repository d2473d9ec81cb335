package io.nicsim.bench.scale;

import io.nicsim.host.cost.CarrierCosts;
import io.nicsim.host.kernel.Epoll;
import io.nicsim.host.kernel.EventFd;
import io.nicsim.host.kernel.KernelCallException;
import io.nicsim.host.kernel.ReadinessWait;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One thread per waiting consumer, blocked in {@code epoll_wait} on an epoll instance of its own watching an eventfd
 * of its own (two file descriptors each), woken by a write to its eventfd: the kernel's wake path at scale, on
 * platform threads (an OS thread and two descriptors each: the process's open-file limit comes first, and creation
 * stops short of it, {@value #RESERVED_FDS} descriptors left to the JVM, which must still load classes) or on virtual
 * threads (each pins its carrier in the native call, so no more wait than the scheduler has carriers; the rest are
 * never mounted, and the point stops there, saying so).
 */
final class EpollWaiters implements Waiters {

    /** How long, once every carrier is pinned, the rest of the virtual threads get to show they cannot mount. */
    private static final long GRACE_MILLIS = 200;
    /** Descriptors left to the JVM itself (class loading opens jars; the probe's result needs classes loaded). */
    static final int RESERVED_FDS = 256;
    /** Descriptors each waiter holds: its eventfd and its epoll instance. */
    static final int FDS_PER_WAITER = 2;

    private final boolean virtual;
    private final Arena arena = Arena.ofShared();
    private final AtomicInteger waiting = new AtomicInteger();
    private EventFd[] wakes;
    private Epoll[] epolls;
    private Thread[] threads;
    private AtomicLongArray woken;
    /** The waiters in the order they reached epoll_wait: consumer k of the probe is waiter {@code order[k]}. */
    private int[] order;
    private volatile boolean closing;
    private int created;
    private int reached;
    private String stopReason;

    EpollWaiters(boolean virtual) {
        this.virtual = virtual;
    }

    @Override
    public int create(int count) throws InterruptedException {
        wakes = new EventFd[count];
        epolls = new Epoll[count];
        threads = new Thread[count];
        woken = new AtomicLongArray(count);
        order = new int[count];
        CountDownLatch entered = new CountDownLatch(count);
        Thread.Builder builder = virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
        long limit = openFileLimit(Path.of("/proc/self/limits"));
        long room = limit < 0 ? Long.MAX_VALUE : (limit - openFiles() - RESERVED_FDS) / FDS_PER_WAITER;
        int fit = (int) Math.max(0, Math.min(count, room));
        if (fit < count) {
            stopReason = "the process's open-file limit (RLIMIT_NOFILE " + limit + "): " + FDS_PER_WAITER
                    + " descriptors per waiter, " + RESERVED_FDS + " kept for the JVM";
            for (int rest = fit; rest < count; rest++) {
                entered.countDown();
            }
        }
        for (int i = 0; i < fit; i++) {
            int index = i;
            try {
                wakes[i] = EventFd.open(arena, false);
                epolls[i] = Epoll.open(arena, 1);
                epolls[i].add(wakes[i].fd(), i);
                threads[i] = builder.start(() -> waitForPacket(index, entered));
                created++;
            } catch (KernelCallException | OutOfMemoryError | IllegalStateException e) {
                stopReason = e.getClass().getSimpleName() + ": " + e.getMessage();
                for (int rest = i; rest < count; rest++) {
                    entered.countDown();
                }
                break;
            }
        }
        if (virtual) {
            awaitMounted(Math.min(created, CarrierCosts.schedulerParallelism()), created);
        } else if (!entered.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("consumers did not all reach epoll_wait within 5 minutes");
        }
        reached = waiting.get();
        if (virtual && reached < created) {
            stopReason = "only " + reached + " of " + created + " virtual threads reached epoll_wait: each pins its"
                    + " carrier in the native call, and the scheduler has " + reached + " (the rest never mount)";
        }
        return reached;
    }

    /**
     * Waits until {@code carriers} virtual threads are in epoll_wait (each pins a carrier, so no more can run), then,
     * if more were started, {@value #GRACE_MILLIS} ms more, for any the scheduler would mount after all.
     */
    private void awaitMounted(int carriers, int started) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (waiting.get() < carriers && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        if (started > carriers) {
            Thread.sleep(GRACE_MILLIS);
        }
    }

    /** @return the soft limit on open files ({@code Max open files} of a /proc limits file), or -1 if unknown */
    static long openFileLimit(Path limitsFile) {
        try {
            for (String line : Files.readAllLines(limitsFile)) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).strip().split("\\s+")[0];
                    return soft.equals("unlimited") ? -1 : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown: the kernel's EMFILE stops creation instead
        }
        return -1;
    }

    private static long openFiles() {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private void waitForPacket(int index, CountDownLatch entered) {
        order[waiting.getAndIncrement()] = index;
        entered.countDown();
        while (!closing) {
            if (epolls[index].await(ReadinessWait.FOREVER) > 0) {
                wakes[index].take();
            }
            if (woken.get(index) == -1) {
                woken.set(index, System.nanoTime()); // handled its packet: back to waiting for the next
            }
        }
    }

    @Override
    public String stopReason() {
        return stopReason;
    }

    @Override
    public void wake(int consumer) {
        int index = order[consumer];
        woken.set(index, -1);
        wakes[index].add(1);
    }

    @Override
    public long wokenNanos(int consumer) {
        long value = woken.get(order[consumer]);
        return value == -1 ? 0 : value;
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        for (int i = 0; i < created; i++) {
            wakes[i].add(1);
        }
        for (int i = 0; i < created; i++) {
            threads[i].join(10_000);
        }
        for (int i = 0; i < created; i++) {
            epolls[i].close();
            wakes[i].close();
        }
        arena.close();
    }
}
