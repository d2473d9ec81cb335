package io.nicsim.host.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Closing a file descriptor, for the classes that own one. */
final class Fds {

    private Fds() {
    }

    /** @throws KernelCallException if {@code close} fails (EBADF: it was not open) */
    static void close(int fd, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(LibC.CALL_STATE);
            int result;
            try {
                result = (int) LibC.CLOSE.invokeExact(state, fd);
            } catch (Throwable t) {
                throw new IllegalStateException("close: " + t, t);
            }
            if (result < 0) {
                throw new KernelCallException("close(" + what + " " + fd + ")", LibC.errno(state));
            }
        }
    }
}
