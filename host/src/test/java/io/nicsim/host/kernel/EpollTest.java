package io.nicsim.host.kernel;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.Arena;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * epoll through FFM: readiness and tokens, deleting a descriptor, the timeout each call is given (asserted as the
 * value passed, never as time elapsed), the stop of a thread blocked without limit, and one-line errors.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EpollTest {

    @BeforeAll
    static void onLinux() {
        assumeTrue(Kernel.problem() == null, "the kernel wake path is not here: " + Kernel.problem());
    }

    @Test
    void reportsTheReadyDescriptorsTokenUntilItIsDeleted() {
        try (Arena arena = Arena.ofConfined(); Epoll epoll = Epoll.open(arena, 4);
             EventFd quiet = EventFd.open(arena, false); EventFd loud = EventFd.open(arena, false)) {
            epoll.add(quiet.fd(), 7);
            epoll.add(loud.fd(), 0x1_0000_0002L);
            assertThat(epoll.await(0)).as("nothing ready: a look returns at once").isZero();

            loud.add(1);
            assertThat(epoll.await(ReadinessWait.FOREVER)).isEqualTo(1);
            assertThat(epoll.readyToken(0)).as("a 64-bit token survives the packed event layout")
                    .isEqualTo(0x1_0000_0002L);

            epoll.delete(loud.fd());
            assertThat(epoll.await(0)).as("no longer watched, though still readable").isZero();
            assertThat(epoll.waits()).isEqualTo(3);
        }
    }

    @Test
    void aFiniteTimeoutWithNothingReadyReturnsNone() {
        try (Arena arena = Arena.ofConfined(); Epoll epoll = Epoll.open(arena, 1)) {
            assertThat(epoll.await(200_000)).isZero();
            assertThat(epoll.nanosecondTimeouts()).as("glibc 2.35+ and Linux 5.11+ here").isTrue();
        }
    }

    @Test
    void epollWaitsMillisecondTimeoutRoundsUpSoAWaitNeverEndsEarly() {
        assertThat(Epoll.timeoutMillis(ReadinessWait.FOREVER)).isEqualTo(-1);
        assertThat(Epoll.timeoutMillis(-5)).isEqualTo(-1);
        assertThat(Epoll.timeoutMillis(0)).isZero();
        assertThat(Epoll.timeoutMillis(1)).isEqualTo(1);
        assertThat(Epoll.timeoutMillis(1_000_000)).isEqualTo(1);
        assertThat(Epoll.timeoutMillis(1_000_001)).isEqualTo(2);
        assertThat(Epoll.timeoutMillis(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aThreadBlockedWithoutLimitIsStoppedThroughAStopDescriptorOfItsSet() throws Exception {
        try (Arena arena = Arena.ofShared(); Epoll epoll = Epoll.open(arena, 2);
             EventFd irq = EventFd.open(arena, false); EventFd stop = EventFd.open(arena, false)) {
            epoll.add(irq.fd(), 0);
            epoll.add(stop.fd(), 1);
            CompletableFuture<Long> woken = CompletableFuture.supplyAsync(() -> {
                int ready = epoll.await(ReadinessWait.FOREVER);
                return ready == 1 ? epoll.readyToken(0) : -1L;
            }, runnable -> Thread.ofPlatform().daemon(true).start(runnable));

            stop.add(1); // closing the epoll fd would not wake it: Linux keeps the instance while the wait holds it

            assertThat(woken.get(20, TimeUnit.SECONDS)).isEqualTo(1L);
        }
    }

    @Test
    void aRefusedCallSaysWhichCallOnWhatAndWhyOnOneLine() {
        try (Arena arena = Arena.ofConfined(); Epoll epoll = Epoll.open(arena, 1)) {
            assertThatThrownBy(() -> epoll.add(999_999, 0)).isInstanceOf(KernelCallException.class)
                    .hasMessage("epoll_ctl(ADD, fd 999999): EBADF (Bad file descriptor)");
            EventFd fd = EventFd.open(arena, false);
            try (fd) {
                assertThatThrownBy(() -> epoll.delete(fd.fd())).isInstanceOf(KernelCallException.class)
                        .hasMessage("epoll_ctl(DEL, fd " + fd.fd() + "): ENOENT (No such file or directory)");
            }
        }
        assertThatThrownBy(() -> Epoll.open(Arena.global(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxEvents");
    }

    @Test
    void theEventLayoutIsPackedOnX8664Only() {
        assertThat(Epoll.isX8664("amd64")).isTrue();
        assertThat(Epoll.isX8664("aarch64")).isFalse();
    }
}
