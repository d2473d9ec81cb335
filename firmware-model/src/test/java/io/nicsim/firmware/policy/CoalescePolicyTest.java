package io.nicsim.firmware.policy;

import io.nicsim.firmware.policy.PolicyLoopSimulation.Raise;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.nicsim.firmware.policy.NotificationPolicyContract.atMost;
import static io.nicsim.firmware.policy.NotificationPolicyContract.everyNthCompletion;
import static io.nicsim.firmware.policy.PerPacketPolicyTest.raises;
import static io.nicsim.firmware.policy.PolicyLoopSimulation.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Pins {@link CoalescePolicy} to the ethtool semantics of REFERENCE section 2: raise on the {@code rxFrames}-th
 * un-notified completion or {@code rxUsecs} after the first one (EQE mode: later completions do not restart the
 * timer), whichever comes first.
 */
class CoalescePolicyTest {

    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(
                NotificationPolicyContract.verify("rx-usecs 50 rx-frames 64", () -> new CoalescePolicy(50, 64), atMost(50_000)),
                NotificationPolicyContract.verify("rx-usecs 3 rx-frames 4", () -> new CoalescePolicy(3, 4), atMost(3_000)),
                NotificationPolicyContract.verify("rx-usecs 1 rx-frames 0", () -> new CoalescePolicy(1, 0), atMost(1_000)),
                NotificationPolicyContract.verify("rx-usecs 100 rx-frames 0", () -> new CoalescePolicy(100, 0), atMost(100_000)),
                NotificationPolicyContract.verify("rx-usecs 10 rx-frames 1", () -> new CoalescePolicy(10, 1), atMost(0)),
                NotificationPolicyContract.verify("rx-usecs 0 rx-frames 1", () -> new CoalescePolicy(0, 1), atMost(0)),
                NotificationPolicyContract.verify("rx-usecs 0 rx-frames 2", () -> new CoalescePolicy(0, 2), everyNthCompletion(2)),
                NotificationPolicyContract.verify("rx-usecs 0 rx-frames 8", () -> new CoalescePolicy(0, 8), everyNthCompletion(8)),
                NotificationPolicyContract.verify("rx-usecs 0 rx-frames 64", () -> new CoalescePolicy(0, 64), everyNthCompletion(64)));
    }

    /**
     * rx-usecs 10, rx-frames 4; arrivals in microseconds, ticks every microsecond; expected interrupts as (time in
     * microseconds, completions covered), computed by hand.
     */
    static Stream<Arguments> bothSet() {
        return Stream.of(
                // 4th frame at 5 raises twice; the 2 left start the timer at 5 and fire at 15.
                arguments("burst: 10 completions at 5 us", micros(5, 5, 5, 5, 5, 5, 5, 5, 5, 5),
                        raises(5, 4, 5, 4, 15, 2)),
                // Every 4 us: 3 completions by the time the timer (first + 10) expires; frames never win.
                arguments("steady rate: one every 4 us", micros(0, 4, 8, 12, 16, 20),
                        raises(10, 3, 22, 3)),
                // Every 3 us: the 4th completion (at 9, before the timer at 10) wins; then 12..21 likewise.
                arguments("steady rate: one every 3 us", micros(0, 3, 6, 9, 12, 15, 18, 21),
                        raises(9, 4, 21, 4)),
                arguments("gap: two, 40 us of silence, two", micros(0, 1, 41, 42),
                        raises(10, 2, 51, 2)),
                // Slow: each completion alone on its timer; fast: frames at 43, the 2 left on the timer from 44.
                arguments("rate step: every 20 us, then every 1 us", micros(0, 20, 40, 41, 42, 43, 44, 45),
                        raises(10, 1, 30, 1, 43, 4, 54, 2)),
                // A completion exactly at the timer's expiry: the firmware polls before it checks timers, so the
                // completion is counted in and raises in onCompletion (time since first >= rxUsecs).
                arguments("completion at the expiry instant", micros(0, 10, 11),
                        raises(10, 2, 21, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothSet")
    void framesOrTimerWhicheverComesFirst(String scenario, long[] arrivals, List<Raise> expected) {
        PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(new CoalescePolicy(10, 4), arrivals, 0, 1_000,
                arrivals[arrivals.length - 1] + 100_000);

        assertThat(result.raises()).isEqualTo(expected);
    }

    /** rx-usecs 10 only: the timer starts at the first un-notified completion and later ones do not restart it. */
    static Stream<Arguments> timerOnly() {
        return Stream.of(
                // CQE mode (restart on every completion) would raise once at 37 for all four.
                arguments("EQE: completions every 9 us do not push the timer", micros(0, 9, 18, 27),
                        raises(10, 2, 28, 2)),
                arguments("burst of 100 at one instant", micros(new long[100]), raises(10, 100)),
                arguments("steady rate, 1 us apart", micros(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
                        raises(10, 11, 21, 2)),
                arguments("gap", micros(3, 200), raises(13, 1, 210, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timerOnly")
    void timerFromFirstUnnotifiedCompletion(String scenario, long[] arrivals, List<Raise> expected) {
        PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(new CoalescePolicy(10, 0), arrivals, 0, 1_000,
                arrivals[arrivals.length - 1] + 100_000);

        assertThat(result.raises()).isEqualTo(expected);
    }

    @Test
    void timerIsExactToTheNanosecond() {
        CoalescePolicy policy = new CoalescePolicy(10, 0);

        assertThat(policy.onCompletion(1_000_001)).isFalse();
        assertThat(policy.nextTimerNanos()).isEqualTo(1_010_001);
        assertThat(policy.onCompletion(1_005_000)).isFalse();
        assertThat(policy.nextTimerNanos()).as("not restarted by the second completion").isEqualTo(1_010_001);
        assertThat(policy.onTimer(1_010_000)).isFalse();
        assertThat(policy.onTimer(1_010_001)).isTrue();
        policy.onRaised(1_010_001);

        assertThat(policy.onCompletion(1_010_002)).isFalse();
        assertThat(policy.nextTimerNanos()).as("re-armed from the next un-notified completion").isEqualTo(1_020_002);
        assertThat(policy.onCompletion(1_020_002)).as("a completion at the expiry raises by itself").isTrue();
    }

    @ParameterizedTest(name = "rx-frames {0}")
    @ValueSource(ints = {1, 2, 3, 8, 64, 1000})
    void framesRaiseOnExactlyTheNthCompletion(int frames) {
        CoalescePolicy policy = new CoalescePolicy(0, frames);
        int completions = 3 * frames + frames / 2 + 1;

        for (int i = 1; i <= completions; i++) {
            boolean raise = policy.onCompletion(i);
            assertThat(raise).as("completion %d with rx-frames %d", i, frames).isEqualTo(i % frames == 0);
            assertThat(policy.nextTimerNanos()).as("rx-usecs 0 arms no timer").isEqualTo(NotificationPolicy.NO_TIMER);
            assertThat(policy.onTimer(Long.MAX_VALUE - 1)).isFalse();
            if (raise) {
                assertThat(policy.pendingCompletions()).isEqualTo(frames);
                policy.onRaised(i);
            }
        }
        assertThat(policy.pendingCompletions()).isEqualTo(completions % frames);
    }

    @Test
    void framesCountOnlyUnnotifiedCompletions() {
        CoalescePolicy policy = new CoalescePolicy(0, 4);
        policy.onCompletion(0);
        policy.onCompletion(1);
        policy.onRaised(2); // e.g. an interrupt raised for another reason

        assertThat(policy.onCompletion(3)).isFalse();
        assertThat(policy.onCompletion(4)).isFalse();
        assertThat(policy.onCompletion(5)).isFalse();
        assertThat(policy.onCompletion(6)).as("the 4th completion after the raise").isTrue();
    }

    @Test
    void zeroUsecsOneFrameIsPerPacketOnTheSameInput() {
        for (long seed = 1; seed <= 20; seed++) {
            long[] arrivals = NotificationPolicyContract.randomSequence(new SplittableRandom(seed), 0, 500, 10_000);
            long end = arrivals[arrivals.length - 1] + 10_000;

            PolicyLoopSimulation.Result coalesce = PolicyLoopSimulation.run(new CoalescePolicy(0, 1), arrivals, 0, 100, end);
            PolicyLoopSimulation.Result perPacket = PolicyLoopSimulation.run(new PerPacketPolicy(), arrivals, 0, 100, end);

            assertThat(coalesce.raises()).as("seed %d", seed).hasSize(arrivals.length).isEqualTo(perPacket.raises());
            assertThat(coalesce.notifiedNanos()).isEqualTo(perPacket.notifiedNanos()).isEqualTo(arrivals);
        }
        Stream<Arguments> tables = Stream.concat(bothSet(), timerOnly());
        tables.forEach(table -> {
            long[] arrivals = (long[]) table.get()[1];
            long end = arrivals[arrivals.length - 1] + 100_000;
            assertThat(PolicyLoopSimulation.run(new CoalescePolicy(0, 1), arrivals, 0, 1_000, end).raises())
                    .as("%s", table.get()[0])
                    .isEqualTo(PolicyLoopSimulation.run(new PerPacketPolicy(), arrivals, 0, 1_000, end).raises());
        });
    }

    @ParameterizedTest(name = "rx-usecs {0} rx-frames {1}")
    @CsvSource({"-1, 0, firmware.rxUsecs", "-1, 8, firmware.rxUsecs", "0, -1, firmware.rxFrames",
            "50, -1, firmware.rxFrames", "-50, -64, firmware.rxUsecs", "0, 0, firmware.rxFrames"})
    void constructorRejectsNamingTheOffendingKey(long rxUsecs, int rxFrames, String key) {
        assertThatIllegalArgumentException().isThrownBy(() -> new CoalescePolicy(rxUsecs, rxFrames))
                .withMessageContaining(key);
    }

    /**
     * A timer whose nanoseconds would overflow a long must be rejected, not silently disabled (which, with
     * rxFrames 0, would be a policy that never fires).
     */
    @Test
    void hugeTimerIsRejectedOrStillFires() {
        long rxUsecs = Long.MAX_VALUE / 1_000 + 1;
        CoalescePolicy policy;
        try {
            policy = new CoalescePolicy(rxUsecs, 0);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        policy.onCompletion(0);
        assertThat(policy.nextTimerNanos()).as("a pending completion with a timer configured arms it")
                .isNotEqualTo(NotificationPolicy.NO_TIMER);
    }

    @Test
    void constructorAcceptsEitherAlone() {
        assertThat(new CoalescePolicy(0, 1).name()).isEqualTo("coalesce");
        assertThat(new CoalescePolicy(1, 0).name()).isEqualTo(CoalescePolicy.NAME);
    }
}
