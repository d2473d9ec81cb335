package io.nicsim.host.kernel;

import java.lang.foreign.Arena;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of a {@link ReadinessWait} over eventfds: a look (timeout 0) with nothing ready returns 0 at once, a
 * ready descriptor is reported with its token until it is read, a finite timeout with nothing ready returns 0, and
 * every call counts as one wait.
 */
final class ReadinessWaitContract {

    /** What the implementation under test needs: a wait watching {@code fds} with tokens 0, 1, ... */
    interface Factory extends Function<EventFd[], ReadinessWait> {
    }

    private ReadinessWaitContract() {
    }

    static void verify(Arena arena, Factory factory) {
        EventFd first = EventFd.open(arena, false);
        EventFd second = EventFd.open(arena, false);
        try (first; second) {
            ReadinessWait wait = factory.apply(new EventFd[] {first, second});
            long waitsBefore = wait.waits();

            assertThat(wait.await(0)).isZero();
            second.add(1);
            assertThat(wait.await(ReadinessWait.FOREVER)).isEqualTo(1);
            assertThat(wait.readyToken(0)).isEqualTo(1);
            assertThat(wait.await(0)).as("still readable until read").isEqualTo(1);
            second.take();
            assertThat(wait.await(100_000)).as("read: a finite wait times out").isZero();

            assertThat(wait.waits() - waitsBefore).isEqualTo(4);
        }
    }
}
