package io.nicsim.host.kernel;

import java.util.Map;

/**
 * A kernel call failed: one line naming the call, what it was called on and the kernel's reason, e.g.
 * {@code epoll_ctl(ADD, fd 12): EBADF (Bad file descriptor)}.
 */
public final class KernelCallException extends RuntimeException {

    /** Symbolic names of the errno values these calls return (Linux's numbers). */
    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"),
            Map.entry(4, "EINTR"), Map.entry(9, "EBADF"), Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"),
            Map.entry(14, "EFAULT"), Map.entry(17, "EEXIST"), Map.entry(22, "EINVAL"), Map.entry(23, "ENFILE"),
            Map.entry(24, "EMFILE"), Map.entry(28, "ENOSPC"), Map.entry(38, "ENOSYS"), Map.entry(40, "ELOOP"));

    private final int errno;

    /**
     * @param call  the call and its arguments, e.g. {@code eventfd(0, EFD_CLOEXEC)}
     * @param errno the errno it left
     */
    public KernelCallException(String call, int errno) {
        super(call + ": " + name(errno) + " (" + LibC.strerror(errno) + ")");
        this.errno = errno;
    }

    /** @return the errno of the failed call */
    public int errno() {
        return errno;
    }

    /** @return the errno's symbolic name, e.g. {@code EMFILE}, or {@code errno N} for one not listed */
    public static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }
}
