package io.nicsim.host.kernel;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The C library's functions this package calls, as downcall handles of the platform's linker, each taking a
 * call-state segment first where errno matters ({@link Linker.Option#captureCallState}). A handle whose symbol the
 * C library lacks is null and named in {@link #MISSING}; {@link Kernel} turns that into one line.
 */
final class LibC {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final java.lang.foreign.AddressLayout POINTER = ValueLayout.ADDRESS;

    /** The call-state segment's layout: where errno is captured. */
    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_VALUE = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** Symbols the C library does not have (empty on Linux with glibc 2.35 or later). */
    static final List<String> MISSING = new ArrayList<>();

    /** {@code int eventfd(unsigned initval, int flags)}. */
    static final MethodHandle EVENTFD = find("eventfd", FunctionDescriptor.of(INT, INT, INT), true);
    /** {@code ssize_t read(int fd, void *buf, size_t count)}. */
    static final MethodHandle READ = find("read", FunctionDescriptor.of(LONG, INT, POINTER, LONG), true);
    /** {@code ssize_t write(int fd, const void *buf, size_t count)}. */
    static final MethodHandle WRITE = find("write", FunctionDescriptor.of(LONG, INT, POINTER, LONG), true);
    /** {@code int close(int fd)}. */
    static final MethodHandle CLOSE = find("close", FunctionDescriptor.of(INT, INT), true);
    /** {@code int epoll_create1(int flags)}. */
    static final MethodHandle EPOLL_CREATE1 = find("epoll_create1", FunctionDescriptor.of(INT, INT), true);
    /** {@code int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)}. */
    static final MethodHandle EPOLL_CTL = find("epoll_ctl", FunctionDescriptor.of(INT, INT, INT, INT, POINTER), true);
    /** {@code int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)}. */
    static final MethodHandle EPOLL_WAIT = find("epoll_wait", FunctionDescriptor.of(INT, INT, POINTER, INT, INT),
            true);
    /**
     * {@code int epoll_pwait2(int epfd, struct epoll_event *events, int maxevents, const struct timespec *timeout,
     * const sigset_t *sigmask)}: a timeout in nanoseconds (glibc 2.35, Linux 5.11); null where the library lacks it
     * (then timeouts round up to epoll_wait's milliseconds).
     */
    static final MethodHandle EPOLL_PWAIT2 = findOptional("epoll_pwait2",
            FunctionDescriptor.of(INT, INT, POINTER, INT, POINTER, POINTER));
    /** {@code char *strerror(int errnum)}: for error messages only. */
    static final MethodHandle STRERROR = find("strerror", FunctionDescriptor.of(POINTER, INT), false);

    private LibC() {
    }

    private static MethodHandle find(String name, FunctionDescriptor descriptor, boolean errno) {
        MethodHandle handle = handle(name, descriptor, errno);
        if (handle == null) {
            MISSING.add(name);
        }
        return handle;
    }

    private static MethodHandle findOptional(String name, FunctionDescriptor descriptor) {
        return handle(name, descriptor, true);
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor, boolean errno) {
        try {
            Optional<MemorySegment> symbol = LOOKUP.find(name);
            if (symbol.isEmpty()) {
                return null;
            }
            return errno ? LINKER.downcallHandle(symbol.get(), descriptor, ERRNO)
                    : LINKER.downcallHandle(symbol.get(), descriptor);
        } catch (RuntimeException e) {
            return null; // a platform whose linker cannot express the call
        }
    }

    /** @return the errno a call captured into {@code callState} */
    static int errno(MemorySegment callState) {
        return (int) ERRNO_VALUE.get(callState, 0L);
    }

    /** @return the C library's text for {@code errno} ("Bad file descriptor"), or "errno N" */
    static String strerror(int errno) {
        if (STRERROR == null) {
            return "errno " + errno;
        }
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(Integer.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
