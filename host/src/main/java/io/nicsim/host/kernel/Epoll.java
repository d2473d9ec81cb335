package io.nicsim.host.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Linux epoll instance watching file descriptors for input ({@code EPOLLIN}), each registered with a token. Its
 * ready-event array, timeout and call state are allocated once, so a wait allocates nothing. A finite timeout goes to
 * {@code epoll_pwait2} in nanoseconds; where the C library or kernel lacks it (before glibc 2.35, Linux 5.11), to
 * {@code epoll_wait}, rounded up to whole milliseconds. One thread waits at a time. Closing it does not wake a thread
 * blocked in it (Linux keeps the instance alive while the wait holds it): stop a waiter through a descriptor of its
 * set, as {@link EventFd} gives one.
 */
public final class Epoll implements ReadinessWait, AutoCloseable {

    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLLIN = 0x1;
    private static final int EINTR = 4;
    private static final int ENOSYS = 38;
    private static final long NANOS_PER_MILLI = 1_000_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000;
    /** {@code struct epoll_event} is packed on x86-64 (12 bytes, data at 4), naturally aligned elsewhere (16, 8). */
    private static final boolean PACKED = isX8664(System.getProperty("os.arch", ""));
    static final long EVENT_BYTES = PACKED ? 12 : 16;
    static final long DATA_OFFSET = PACKED ? 4 : 8;

    private final int fd;
    private final int maxEvents;
    private final MemorySegment events;
    private final MemorySegment timespec;
    private final MemorySegment waitState;
    private final MemorySegment control;
    private final MemorySegment controlState;
    private final AtomicLong waits = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean pwait2 = LibC.EPOLL_PWAIT2 != null;

    private Epoll(int fd, int maxEvents, Arena arena) {
        this.fd = fd;
        this.maxEvents = maxEvents;
        this.events = arena.allocate(EVENT_BYTES * maxEvents, 8);
        this.timespec = arena.allocate(16, 8);
        this.waitState = arena.allocate(LibC.CALL_STATE);
        this.control = arena.allocate(EVENT_BYTES, 8);
        this.controlState = arena.allocate(LibC.CALL_STATE);
    }

    /**
     * Opens an epoll instance (close-on-exec).
     *
     * @param arena     where its buffers live: they must outlive it
     * @param maxEvents the most ready descriptors one wait reports
     * @throws KernelCallException when the kernel refuses (EMFILE: this process's file limit)
     * @throws UnsupportedOperationException off Linux ({@link Kernel#problem()})
     */
    public static Epoll open(Arena arena, int maxEvents) {
        Kernel.require();
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1, got " + maxEvents);
        }
        MemorySegment state = arena.allocate(LibC.CALL_STATE);
        int fd;
        try {
            fd = (int) LibC.EPOLL_CREATE1.invokeExact(state, EPOLL_CLOEXEC);
        } catch (Throwable t) {
            throw new IllegalStateException("epoll_create1: " + t, t);
        }
        if (fd < 0) {
            throw new KernelCallException("epoll_create1(EPOLL_CLOEXEC)", LibC.errno(state));
        }
        return new Epoll(fd, maxEvents, arena);
    }

    /** Watches {@code fd} for input; a wait reports it with {@code token}. @throws KernelCallException if refused */
    public void add(int watched, long token) {
        control.set(ValueLayout.JAVA_INT, 0, EPOLLIN);
        control.set(ValueLayout.JAVA_LONG_UNALIGNED, DATA_OFFSET, token);
        control(EPOLL_CTL_ADD, "ADD", watched);
    }

    /** Stops watching {@code fd}. @throws KernelCallException if refused (ENOENT: not watched) */
    public void delete(int watched) {
        control(EPOLL_CTL_DEL, "DEL", watched);
    }

    private void control(int op, String opName, int watched) {
        int result;
        try {
            result = (int) LibC.EPOLL_CTL.invokeExact(controlState, fd, op, watched, control);
        } catch (Throwable t) {
            throw new IllegalStateException("epoll_ctl: " + t, t);
        }
        if (result < 0) {
            throw new KernelCallException("epoll_ctl(" + opName + ", fd " + watched + ")", LibC.errno(controlState));
        }
    }

    @Override
    public int await(long timeoutNanos) {
        int ready;
        waits.lazySet(waits.get() + 1);
        try {
            if (timeoutNanos > 0 && pwait2) {
                timespec.set(ValueLayout.JAVA_LONG, 0, timeoutNanos / NANOS_PER_SECOND);
                timespec.set(ValueLayout.JAVA_LONG, 8, timeoutNanos % NANOS_PER_SECOND);
                ready = (int) LibC.EPOLL_PWAIT2.invokeExact(waitState, fd, events, maxEvents, timespec,
                        MemorySegment.NULL);
                if (ready < 0 && LibC.errno(waitState) == ENOSYS) {
                    pwait2 = false; // the kernel predates it: milliseconds from now on
                    return await(timeoutNanos);
                }
            } else {
                ready = (int) LibC.EPOLL_WAIT.invokeExact(waitState, fd, events, maxEvents,
                        timeoutMillis(timeoutNanos));
            }
        } catch (Throwable t) {
            throw new IllegalStateException("epoll_wait: " + t, t);
        }
        if (ready < 0) {
            int errno = LibC.errno(waitState);
            if (errno == EINTR) {
                return 0; // a signal: the caller looks again
            }
            throw new KernelCallException(String.format(Locale.ROOT, "epoll_wait(epoll %d, timeout %d ns)", fd,
                    timeoutNanos), errno);
        }
        return ready;
    }

    /**
     * @return {@code epoll_wait}'s timeout for a wait of {@code timeoutNanos}: -1 for none (negative), 0 for 0, else
     *         whole milliseconds rounded up (a wait never ends early), at most {@link Integer#MAX_VALUE}
     */
    static int timeoutMillis(long timeoutNanos) {
        if (timeoutNanos < 0) {
            return -1;
        }
        long millis = timeoutNanos / NANOS_PER_MILLI + (timeoutNanos % NANOS_PER_MILLI == 0 ? 0 : 1);
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    @Override
    public long readyToken(int index) {
        return events.get(ValueLayout.JAVA_LONG_UNALIGNED, index * EVENT_BYTES + DATA_OFFSET);
    }

    @Override
    public long waits() {
        return waits.get();
    }

    /** @return the epoll file descriptor */
    public int fd() {
        return fd;
    }

    /** @return whether finite timeouts go to {@code epoll_pwait2} in nanoseconds (else milliseconds, rounded up) */
    public boolean nanosecondTimeouts() {
        return pwait2;
    }

    /** Closes the instance, once (a thread blocked in it is not woken: see the class). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Fds.close(fd, "epoll");
        }
    }

    static boolean isX8664(String arch) {
        return arch.equals("amd64") || arch.equals("x86_64");
    }
}
