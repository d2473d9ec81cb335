package io.nicsim.host.kernel;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link Epoll} keeps the {@link ReadinessWait} contract. */
class EpollReadinessWaitTest {

    @Test
    void keepsTheReadinessWaitContract() {
        assumeTrue(Kernel.problem() == null, "the kernel wake path is not here: " + Kernel.problem());
        try (Arena arena = Arena.ofConfined(); Epoll epoll = Epoll.open(arena, 2)) {
            ReadinessWaitContract.verify(arena, fds -> {
                for (int i = 0; i < fds.length; i++) {
                    epoll.add(fds[i].fd(), i);
                }
                return epoll;
            });
        }
    }
}
