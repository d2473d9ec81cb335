package io.nicsim.host.kernel;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The eventfd counter through FFM: writes add, a read returns and clears (a semaphore takes 1); calls counted. */
class EventFdTest {

    @BeforeAll
    static void onLinux() {
        assumeTrue(Kernel.problem() == null, "the kernel wake path is not here: " + Kernel.problem());
    }

    @Test
    void writesAddAndAReadReturnsTheSumAndClearsIt() {
        try (Arena arena = Arena.ofConfined(); EventFd fd = EventFd.open(arena, false)) {
            fd.add(3);
            fd.add(4);

            assertThat(fd.take()).isEqualTo(7);
            assertThat(fd.take()).as("cleared: non-blocking, EAGAIN reads as 0").isZero();
            assertThat(fd.writes()).isEqualTo(2);
            assertThat(fd.reads()).isEqualTo(2);
        }
    }

    @Test
    void asASemaphoreEachReadTakesOne() {
        try (Arena arena = Arena.ofConfined(); EventFd fd = EventFd.open(arena, true)) {
            fd.add(2);

            assertThat(fd.take()).isEqualTo(1);
            assertThat(fd.take()).isEqualTo(1);
            assertThat(fd.take()).isZero();
        }
    }

    @Test
    void aClosedEventFdIgnoresWritesAndARefusedReadSaysWhyOnOneLine() {
        try (Arena arena = Arena.ofConfined()) {
            EventFd fd = EventFd.open(arena, false);
            int number = fd.fd();
            fd.close();
            fd.close(); // once

            fd.add(1);
            assertThat(fd.writes()).as("nothing written after close").isZero();
            assertThatThrownBy(fd::take).isInstanceOf(KernelCallException.class)
                    .hasMessage("read(eventfd " + number + "): EBADF (Bad file descriptor)")
                    .satisfies(e -> assertThat(((KernelCallException) e).errno()).isEqualTo(9));
        }
    }
}
