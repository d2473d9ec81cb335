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
 * Pins {@link CoalescePolicy} to the ethtool semantics of {@code ethtool_coalesce}: raise on the {@code rxFrames}-th
 * un-notified completion or {@code rxUsecs} after the first one (EQE mode: later completions do not restart the
 * timer), whichever comes first.
 */
class CoalescePolicyTest {

    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(
                NotificationPolicyContract.verify("rx-usecs 50 rx-frames 64", () -> new CoalescePolicy(50, 64),
                        atMost(50_000)),
                NotificationPolicyContract.verify("rx-usecs 3 rx-frames 4", () -> new CoalescePolicy(3, 4),
                        atMost(3_000)),
                NotificationPolicyContract.verify("rx-usecs 1 rx-frames 0", () -> new CoalescePolicy(1, 0),
                        atMost(1_000)),
                NotificationPolicyContract.verify("rx-usecs 100 rx-frames 0", () -> new CoalescePolicy(100, 0),
                        atMost(100_000)),
                NotificationPolicyContract.verify("rx-usecs 10 rx-frames 1", () -> new CoalescePolicy(10, 1),
                        atMost(0)),
                NotificationPolicyContract.verify("rx-usecs 0 rx-frames 1", () -> new CoalescePolicy(0, 1), atMost(0)),
                NotificationPolicyContract.verify("rx-usecs 0 rx-frames 2", () -> new CoalescePolicy(0, 2),
                        everyNthCompletion(2)),
                NotificationPolicyContract.verify("rx-usecs 0 rx-frames 8", () -> new CoalescePolicy(0, 8),
                        everyNthCompletion(8)),
                NotificationPolicyContract.verify("rx-usecs 0 rx-frames 64", () -> new CoalescePolicy(0, 64),
                        everyNthCompletion(64)),
                // CQE: the timer restarts on every completion, so only the frame count bounds the wait.
                NotificationPolicyContract.verify("cqe rx-usecs 10 rx-frames 4",
                        () -> new CoalescePolicy(10, 4, TimerMode.CQE, 0), atMost(3 * 10_000)),
                NotificationPolicyContract.verify("cqe rx-usecs 50 rx-frames 64",
                        () -> new CoalescePolicy(50, 64, TimerMode.CQE, 0), atMost(63 * 50_000)),
                NotificationPolicyContract.verify("cqe rx-usecs 3 rx-frames 1",
                        () -> new CoalescePolicy(3, 1, TimerMode.CQE, 0), atMost(0)),
                NotificationPolicyContract.verify("cqe rx-usecs 0 rx-frames 8",
                        () -> new CoalescePolicy(0, 8, TimerMode.CQE, 0), everyNthCompletion(8)),
                // A minimum gap: the bound becomes max(timer bound, gap).
                NotificationPolicyContract.verify("rx-usecs 50 rx-frames 64 itr 20 us",
                        () -> new CoalescePolicy(50, 64, TimerMode.EQE, 20_000), atMost(50_000), 20_000),
                NotificationPolicyContract.verify("rx-usecs 1 rx-frames 0 itr 100 us",
                        () -> new CoalescePolicy(1, 0, TimerMode.EQE, 100_000), atMost(100_000), 100_000),
                NotificationPolicyContract.verify("rx-usecs 0 rx-frames 1 itr 8 us",
                        () -> new CoalescePolicy(0, 1, TimerMode.EQE, 8_000), atMost(8_000), 8_000),
                NotificationPolicyContract.verify("rx-usecs 0 rx-frames 1 itr 1 ns",
                        () -> new CoalescePolicy(0, 1, TimerMode.EQE, 1), atMost(1), 1),
                NotificationPolicyContract.verify("cqe rx-usecs 10 rx-frames 8 itr 30 us",
                        () -> new CoalescePolicy(10, 8, TimerMode.CQE, 30_000), atMost(7 * 10_000), 30_000));
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

        assertThat(policy.onCompletion(1_000_001, 64)).isFalse();
        assertThat(policy.nextTimerNanos()).isEqualTo(1_010_001);
        assertThat(policy.onCompletion(1_005_000, 64)).isFalse();
        assertThat(policy.nextTimerNanos()).as("not restarted by the second completion").isEqualTo(1_010_001);
        assertThat(policy.onTimer(1_010_000)).isFalse();
        assertThat(policy.onTimer(1_010_001)).isTrue();
        policy.onRaised(1_010_001);

        assertThat(policy.onCompletion(1_010_002, 64)).isFalse();
        assertThat(policy.nextTimerNanos()).as("re-armed from the next un-notified completion").isEqualTo(1_020_002);
        assertThat(policy.onCompletion(1_020_002, 64)).as("a completion at the expiry raises by itself").isTrue();
    }

    @ParameterizedTest(name = "rx-frames {0}")
    @ValueSource(ints = {1, 2, 3, 8, 64, 1000})
    void framesRaiseOnExactlyTheNthCompletion(int frames) {
        CoalescePolicy policy = new CoalescePolicy(0, frames);
        int completions = 3 * frames + frames / 2 + 1;

        for (int i = 1; i <= completions; i++) {
            boolean raise = policy.onCompletion(i, 64);
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
        policy.onCompletion(0, 64);
        policy.onCompletion(1, 64);
        policy.onRaised(2); // e.g. an interrupt raised for another reason

        assertThat(policy.onCompletion(3, 64)).isFalse();
        assertThat(policy.onCompletion(4, 64)).isFalse();
        assertThat(policy.onCompletion(5, 64)).isFalse();
        assertThat(policy.onCompletion(6, 64)).as("the 4th completion after the raise").isTrue();
    }

    @Test
    void zeroUsecsOneFrameIsPerPacketOnTheSameInput() {
        for (long seed = 1; seed <= 20; seed++) {
            long[] arrivals = NotificationPolicyContract.randomSequence(new SplittableRandom(seed), 0, 500, 10_000);
            long end = arrivals[arrivals.length - 1] + 10_000;

            PolicyLoopSimulation.Result coalesce = PolicyLoopSimulation.run(new CoalescePolicy(0, 1), arrivals, 0, 100,
                    end);
            PolicyLoopSimulation.Result perPacket = PolicyLoopSimulation.run(new PerPacketPolicy(), arrivals, 0, 100,
                    end);

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
        policy.onCompletion(0, 64);
        assertThat(policy.nextTimerNanos()).as("a pending completion with a timer configured arms it")
                .isNotEqualTo(NotificationPolicy.NO_TIMER);
    }

    @Test
    void constructorAcceptsEitherAlone() {
        assertThat(new CoalescePolicy(0, 1).name()).isEqualTo("coalesce");
        assertThat(new CoalescePolicy(1, 0).name()).isEqualTo(CoalescePolicy.NAME);
    }

    // CQE timer mode ---------------------------------------------------------------------------------------------

    /** rx-usecs 10, rx-frames 4, CQE mode: the same inputs as {@link #bothSet()}, expected interrupts by hand. */
    static Stream<Arguments> bothSetCqe() {
        return Stream.of(
                // At one instant the restart changes nothing: 4 + 4 on the count, the 2 left on the timer from 5.
                arguments("burst: 10 completions at 5 us", micros(5, 5, 5, 5, 5, 5, 5, 5, 5, 5),
                        raises(5, 4, 5, 4, 15, 2)),
                // Every 4 us restarts the 10 us timer: the 4th frame (at 12) wins; 16 and 20 wait for 20 + 10.
                arguments("steady rate: one every 4 us", micros(0, 4, 8, 12, 16, 20),
                        raises(12, 4, 30, 2)),
                arguments("steady rate: one every 3 us", micros(0, 3, 6, 9, 12, 15, 18, 21),
                        raises(9, 4, 21, 4)),
                // The timer runs from the latest completion: 1 + 10 and 42 + 10 (EQE: 10 and 51).
                arguments("gap: two, 40 us of silence, two", micros(0, 1, 41, 42),
                        raises(11, 2, 52, 2)),
                // As EQE until the last two: their timer restarts at 45 (EQE: 44 + 10 = 54).
                arguments("rate step: every 20 us, then every 1 us", micros(0, 20, 40, 41, 42, 43, 44, 45),
                        raises(10, 1, 30, 1, 43, 4, 55, 2)),
                // The timer from 0 expired at 10: the completion at 10 is counted in and raises.
                arguments("completion at the expiry instant", micros(0, 10, 11),
                        raises(10, 2, 21, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothSetCqe")
    void cqeRestartsTheTimerOnEveryCompletion(String scenario, long[] arrivals, List<Raise> expected) {
        PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(new CoalescePolicy(10, 4, TimerMode.CQE, 0),
                arrivals, 0, 1_000, arrivals[arrivals.length - 1] + 100_000);

        assertThat(result.raises()).isEqualTo(expected);
    }

    /** rx-usecs 10 only, CQE mode: the timer fires only after 10 us without a completion. */
    static Stream<Arguments> timerOnlyCqe() {
        return Stream.of(
                arguments("completions every 9 us keep pushing the timer", micros(0, 9, 18, 27), raises(37, 4)),
                arguments("burst of 100 at one instant", micros(new long[100]), raises(10, 100)),
                arguments("steady rate, 1 us apart", micros(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
                        raises(22, 13)),
                arguments("gap", micros(3, 200), raises(13, 1, 210, 1)),
                // No frame count and completions closer than the timer: nothing fires until they stop.
                arguments("steady rate, 5 us apart, starves until it stops",
                        micros(0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95),
                        raises(105, 20)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timerOnlyCqe")
    void cqeTimerOnly(String scenario, long[] arrivals, List<Raise> expected) {
        PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(new CoalescePolicy(10, 0, TimerMode.CQE, 0),
                arrivals, 0, 1_000, arrivals[arrivals.length - 1] + 100_000);

        assertThat(result.raises()).isEqualTo(expected);
    }

    /** A burst spread over 14 us, rx-usecs 10, rx-frames 8: EQE fires on the timer, CQE on the frame count. */
    @Test
    void eqeFiresABurstOnTheTimerCqeOnTheFrameCount() {
        long[] burst = micros(0, 2, 4, 6, 8, 10, 12, 14);

        PolicyLoopSimulation.Result eqe = PolicyLoopSimulation.run(new CoalescePolicy(10, 8, TimerMode.EQE, 0), burst,
                0, 1_000, 100_000);
        PolicyLoopSimulation.Result cqe = PolicyLoopSimulation.run(new CoalescePolicy(10, 8, TimerMode.CQE, 0), burst,
                0, 1_000, 100_000);

        // EQE: the timer from 0 expires at 10 (the completion at 10 counted in); 12 and 14 wait until 12 + 10.
        assertThat(eqe.raises()).isEqualTo(raises(10, 6, 22, 2));
        assertThat(eqe.timerRaises()).isEqualTo(1);
        // CQE: every completion restarts the timer, so the 8th frame, at 14, raises for all.
        assertThat(cqe.raises()).isEqualTo(raises(14, 8));
        assertThat(cqe.timerRaises()).isZero();
    }

    @Test
    void cqeTimerIsExactToTheNanosecond() {
        CoalescePolicy policy = new CoalescePolicy(10, 0, TimerMode.CQE, 0);

        assertThat(policy.onCompletion(1_000_001, 64)).isFalse();
        assertThat(policy.nextTimerNanos()).isEqualTo(1_010_001);
        assertThat(policy.onCompletion(1_005_000, 64)).isFalse();
        assertThat(policy.nextTimerNanos()).as("restarted by the second completion").isEqualTo(1_015_000);
        assertThat(policy.onTimer(1_014_999)).isFalse();
        assertThat(policy.onTimer(1_015_000)).isTrue();
    }

    /**
     * An expired CQE timer stays expired: a completion after the expiry, before the loop looked, raises at once
     * with itself counted in, rather than restarting the timer.
     */
    @Test
    void cqeExpiredTimerIsNotRestartedByALateCompletion() {
        CoalescePolicy policy = new CoalescePolicy(10, 0, TimerMode.CQE, 0);

        policy.onCompletion(0, 64);
        assertThat(policy.onCompletion(12_000, 64)).as("the timer expired at 10 us").isTrue();
        assertThat(policy.pendingCompletions()).isEqualTo(2);
    }

    // Minimum gap (ITR) ------------------------------------------------------------------------------------------

    /** rx-usecs 0, rx-frames 1 (one interrupt per packet), itr 10 us: arrivals and interrupts in microseconds. */
    static Stream<Arguments> perPacketWithMinimumGap() {
        return Stream.of(
                // The first raises at once; the other 4 wait for 7 + 10.
                arguments("burst: 5 completions at 7 us", micros(7, 7, 7, 7, 7), raises(7, 1, 17, 4)),
                // 3 is too soon after 0: held until 10 (with 6 and 9); 12 until 20; 21 until 30, where the
                // completion at 30 finds the raise due and raises with itself counted in.
                arguments("steady rate: one every 3 us", micros(0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30),
                        raises(0, 1, 10, 3, 20, 3, 30, 4)),
                // 1 waits for 10; 50 is 40 after the last raise, so at once; 51 waits for 60.
                arguments("gap: two, 49 us of silence, two", micros(0, 1, 50, 51),
                        raises(0, 1, 10, 1, 50, 1, 60, 1)),
                // Every 20 us each raises at once; then 42..48 wait for 40 + 10, where 50 arrives and joins.
                arguments("rate step: every 20 us, then every 2 us", micros(0, 20, 40, 42, 44, 46, 48, 50),
                        raises(0, 1, 20, 1, 40, 1, 50, 5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("perPacketWithMinimumGap")
    void minimumGapHoldsRaisesBack(String scenario, long[] arrivals, List<Raise> expected) {
        PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(
                new CoalescePolicy(0, 1, TimerMode.EQE, 10_000), arrivals, 0, 1_000,
                arrivals[arrivals.length - 1] + 100_000);

        assertThat(result.raises()).isEqualTo(expected);
    }

    /** The gap holds back a timer expiry as well as a frame count, in either mode. */
    static Stream<Arguments> timerAndFramesWithMinimumGap() {
        return Stream.of(
                // rx-usecs 5, itr 20 us: 0 fires at 5; 7's timer (12) waits for 5 + 20; 30's (35) for 25 + 20,
                // and 31 joins it.
                arguments("timer held back", new CoalescePolicy(5, 0, TimerMode.EQE, 20_000), micros(0, 7, 30, 31),
                        raises(5, 1, 25, 1, 45, 2)),
                // rx-frames 4, itr 30 us: 4 at 5, then the next 4 reach the count at once but wait for 5 + 30,
                // and the last 2 join them.
                arguments("frame count held back", new CoalescePolicy(10, 4, TimerMode.EQE, 30_000),
                        micros(5, 5, 5, 5, 5, 5, 5, 5, 5, 5), raises(5, 4, 35, 6)),
                // CQE rx-usecs 10, rx-frames 8, itr 30 us: 8 frames by 14; 20's timer (restarted to 30) waits for
                // 14 + 30.
                arguments("cqe, count then timer", new CoalescePolicy(10, 8, TimerMode.CQE, 30_000),
                        micros(0, 2, 4, 6, 8, 10, 12, 14, 20), raises(14, 8, 44, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timerAndFramesWithMinimumGap")
    void minimumGapHoldsBackTimersAndCounts(String scenario, CoalescePolicy policy, long[] arrivals,
                                            List<Raise> expected) {
        PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(policy, arrivals, 0, 1_000,
                arrivals[arrivals.length - 1] + 100_000);

        assertThat(result.raises()).isEqualTo(expected);
    }

    @Test
    void heldBackRaiseIsReportedByTheTimerAndCancelledByRaising() {
        CoalescePolicy policy = new CoalescePolicy(0, 1, TimerMode.EQE, 10_000);

        assertThat(policy.onCompletion(0, 64)).as("no raise before: at once").isTrue();
        policy.onRaised(0);
        assertThat(policy.onCompletion(1_000, 64)).as("1 us after the last raise").isFalse();
        assertThat(policy.nextTimerNanos()).as("due at the end of the gap").isEqualTo(10_000);
        assertThat(policy.onTimer(9_999)).isFalse();
        assertThat(policy.onTimer(10_000)).isTrue();
        policy.onRaised(10_000);
        assertThat(policy.nextTimerNanos()).as("raising cancels it").isEqualTo(NotificationPolicy.NO_TIMER);
        assertThat(policy.onTimer(20_000)).isFalse();

        CoalescePolicy timer = new CoalescePolicy(5, 0, TimerMode.EQE, 20_000);
        timer.onCompletion(0, 64);
        assertThat(timer.nextTimerNanos()).isEqualTo(5_000);
        timer.onRaised(2_000); // raised for another reason
        assertThat(timer.nextTimerNanos()).as("raising cancels the pending timer")
                .isEqualTo(NotificationPolicy.NO_TIMER);
        assertThat(timer.onTimer(5_000)).isFalse();
        timer.onCompletion(3_000, 64);
        assertThat(timer.nextTimerNanos()).as("timer at 8 us, held back to 2 + 20 us").isEqualTo(22_000);
    }

    @ParameterizedTest(name = "itr {0} ns")
    @ValueSource(longs = {-1, -1_000, CoalescePolicy.MAX_ITR_NANOS + 1, Long.MAX_VALUE})
    void constructorRejectsABadGapNamingTheKey(long itrNanos) {
        assertThatIllegalArgumentException().isThrownBy(() -> new CoalescePolicy(10, 4, TimerMode.EQE, itrNanos))
                .withMessageContaining("firmware.itrNanos").withMessageContaining(Long.toString(itrNanos));
    }

    @Test
    void constructorRejectsANullModeAndKeepsItsParameters() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CoalescePolicy(10, 4, null, 0))
                .withMessageContaining("firmware.timerMode");
        assertThatIllegalArgumentException().isThrownBy(() -> new CoalescePolicy(0, 0, TimerMode.CQE, 0))
                .withMessageContaining("firmware.rxFrames");

        CoalescePolicy policy = new CoalescePolicy(7, 3, TimerMode.CQE, 4_000);
        assertThat(policy.rxUsecs()).isEqualTo(7);
        assertThat(policy.rxFrames()).isEqualTo(3);
        assertThat(policy.timerMode()).isEqualTo(TimerMode.CQE);
        assertThat(policy.itrNanos()).isEqualTo(4_000);
        CoalescePolicy defaults = new CoalescePolicy(7, 3);
        assertThat(defaults.timerMode()).as("the 2-argument constructor").isEqualTo(TimerMode.EQE);
        assertThat(defaults.itrNanos()).isZero();
    }

    @Test
    void timerModeParsesItsScenarioNames() {
        assertThat(TimerMode.parse("firmware.timerMode", "eqe")).isEqualTo(TimerMode.EQE);
        assertThat(TimerMode.parse("firmware.timerMode", "cqe")).isEqualTo(TimerMode.CQE);
        assertThat(TimerMode.EQE.scenarioName()).isEqualTo("eqe");
        assertThat(TimerMode.CQE.scenarioName()).isEqualTo("cqe");
        for (String bad : new String[] {"EQE", "", "both", null}) {
            assertThatIllegalArgumentException().isThrownBy(() -> TimerMode.parse("firmware.dimMode", bad))
                    .withMessageContaining("firmware.dimMode").withMessageContaining("'" + bad + "'");
        }
    }
}
