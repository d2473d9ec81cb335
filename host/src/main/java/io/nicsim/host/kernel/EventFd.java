package io.nicsim.host.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Linux eventfd: a 64-bit counter in the kernel that a write adds to and a read returns and clears (with
 * {@link #open(Arena, boolean) semaphore} set, a read returns 1 and takes 1 off), readable while above zero, so
 * epoll can wait for it. It is how VFIO hands a device's interrupt to user space (irqfd: the kernel writes 1 per
 * interrupt). Always close-on-exec and non-blocking: a read of a zero counter returns 0 at once. One thread writes
 * and one reads at a time; each side has its own preallocated buffer, so neither allocates per call. Each call made
 * is counted ({@link #writes()}, {@link #reads()}): exact system call counts.
 */
public final class EventFd implements AutoCloseable {

    /** {@code EFD_SEMAPHORE}. */
    static final int EFD_SEMAPHORE = 1;
    /** {@code EFD_NONBLOCK} (O_NONBLOCK). */
    static final int EFD_NONBLOCK = 0x800;
    /** {@code EFD_CLOEXEC} (O_CLOEXEC). */
    static final int EFD_CLOEXEC = 0x80000;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    private static final long COUNTER_BYTES = 8;

    private final int fd;
    private final MemorySegment writeBuffer;
    private final MemorySegment writeState;
    private final MemorySegment readBuffer;
    private final MemorySegment readState;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private EventFd(int fd, Arena arena) {
        this.fd = fd;
        this.writeBuffer = arena.allocate(ValueLayout.JAVA_LONG);
        this.writeState = arena.allocate(LibC.CALL_STATE);
        this.readBuffer = arena.allocate(ValueLayout.JAVA_LONG);
        this.readState = arena.allocate(LibC.CALL_STATE);
    }

    /**
     * Opens an eventfd with a zero counter.
     *
     * @param arena     where its buffers live: they must outlive it
     * @param semaphore {@code EFD_SEMAPHORE}: each read takes 1 instead of the whole count
     * @throws KernelCallException when the kernel refuses (EMFILE: this process's file limit)
     * @throws UnsupportedOperationException off Linux ({@link Kernel#problem()})
     */
    public static EventFd open(Arena arena, boolean semaphore) {
        Kernel.require();
        int flags = EFD_CLOEXEC | EFD_NONBLOCK | (semaphore ? EFD_SEMAPHORE : 0);
        MemorySegment state = arena.allocate(LibC.CALL_STATE);
        int fd;
        try {
            fd = (int) LibC.EVENTFD.invokeExact(state, 0, flags);
        } catch (Throwable t) {
            throw new IllegalStateException("eventfd: " + t, t);
        }
        if (fd < 0) {
            throw new KernelCallException("eventfd(0, EFD_CLOEXEC|EFD_NONBLOCK" + (semaphore ? "|EFD_SEMAPHORE" : "")
                    + ")", LibC.errno(state));
        }
        return new EventFd(fd, arena);
    }

    /** @return the file descriptor, to add to an {@link Epoll} */
    public int fd() {
        return fd;
    }

    /**
     * Adds {@code value} to the counter (one {@code write} of 8 bytes), making it readable; after {@link #close()} it
     * does nothing. A counter at its maximum ({@code 2^64 - 2}) stays there (EAGAIN): the reader wakes all the same.
     *
     * @throws KernelCallException for any other failure
     */
    public void add(long value) {
        if (closed.get()) {
            return;
        }
        writeBuffer.set(ValueLayout.JAVA_LONG, 0, value);
        long written;
        do {
            writes.lazySet(writes.get() + 1);
            try {
                written = (long) LibC.WRITE.invokeExact(writeState, fd, writeBuffer, COUNTER_BYTES);
            } catch (Throwable t) {
                throw new IllegalStateException("write: " + t, t);
            }
        } while (written < 0 && LibC.errno(writeState) == EINTR);
        if (written < 0 && LibC.errno(writeState) != EAGAIN && !closed.get()) {
            throw new KernelCallException("write(eventfd " + fd + ", " + value + ")", LibC.errno(writeState));
        }
    }

    /**
     * Reads the counter (one {@code read} of 8 bytes): its value, which the read clears, or 1 for a semaphore eventfd,
     * which the read takes off.
     *
     * @return that value, or 0 if the counter was zero (non-blocking: EAGAIN)
     * @throws KernelCallException for any other failure
     */
    public long take() {
        long read;
        do {
            reads.lazySet(reads.get() + 1);
            try {
                read = (long) LibC.READ.invokeExact(readState, fd, readBuffer, COUNTER_BYTES);
            } catch (Throwable t) {
                throw new IllegalStateException("read: " + t, t);
            }
        } while (read < 0 && LibC.errno(readState) == EINTR);
        if (read < 0) {
            int errno = LibC.errno(readState);
            if (errno == EAGAIN) {
                return 0;
            }
            throw new KernelCallException("read(eventfd " + fd + ")", errno);
        }
        return readBuffer.get(ValueLayout.JAVA_LONG, 0);
    }

    /** @return {@code write} calls made so far (any thread may read it) */
    public long writes() {
        return writes.get();
    }

    /** @return {@code read} calls made so far (any thread may read it) */
    public long reads() {
        return reads.get();
    }

    /** Closes the descriptor, once. @throws KernelCallException if the kernel refuses */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Fds.close(fd, "eventfd");
        }
    }
}
