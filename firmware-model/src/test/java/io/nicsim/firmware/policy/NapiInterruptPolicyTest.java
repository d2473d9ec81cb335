package io.nicsim.firmware.policy;

import io.nicsim.firmware.policy.PolicyLoopSimulation.Host;
import io.nicsim.firmware.policy.PolicyLoopSimulation.Raise;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.nicsim.firmware.policy.NotificationPolicyContract.consumedWithin;
import static io.nicsim.firmware.policy.PerPacketPolicyTest.raises;
import static io.nicsim.firmware.policy.PolicyLoopSimulation.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Pins {@link NapiInterruptPolicy} to docs/semantics.md#napi: raise at once while armed, mask on raising, count
 * completions while masked, and on the host's re-arm raise at once iff completions wait unconsumed.
 */
class NapiInterruptPolicyTest {

    /** The host of the tables: polls 5 us after an interrupt, re-arms 2 us after the poll. */
    private static final Host HOST = new Host(5_000, 2_000);

    /**
     * With a host polling d after each interrupt and re-arming e after the poll, a completion waits at most d + e:
     * one written between a poll and the re-arm makes the re-arm raise, and the next poll takes it d later.
     */
    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(
                NotificationPolicyContract.verify("napi, host 5 us + 2 us", () -> new NapiInterruptPolicy(false),
                        consumedWithin(7_000, 5_000, 2_000)),
                NotificationPolicyContract.verify("napi initially masked, host 5 us + 2 us",
                        () -> new NapiInterruptPolicy(true), consumedWithin(7_000, 5_000, 2_000)),
                NotificationPolicyContract.verify("napi, host 1 us + 10 us", () -> new NapiInterruptPolicy(false),
                        consumedWithin(11_000, 1_000, 10_000)),
                NotificationPolicyContract.verify("napi, instant host", () -> new NapiInterruptPolicy(false),
                        consumedWithin(0, 0, 0)),
                NotificationPolicyContract.verify("napi, host polls at once, re-arms 3 us later",
                        () -> new NapiInterruptPolicy(false), consumedWithin(3_000, 0, 3_000)));
    }

    /**
     * Arrivals in microseconds, interrupts expected (time in microseconds, completions covered) and the time each
     * completion was consumed by a host poll, with {@link #HOST}: an interrupt at t, a poll at t + 5 taking every
     * completion written by then, a re-arm at t + 7 with those written after the poll.
     */
    static Stream<Arguments> withHost() {
        return Stream.of(
                // One interrupt for the whole burst: the first raises and masks, the poll at 12 takes all 5, the
                // re-arm at 14 finds nothing.
                arguments("burst: 5 completions at 7 us", micros(7, 7, 7, 7, 7), raises(7, 1),
                        micros(12, 12, 12, 12, 12)),
                // 0 raises; poll at 5 takes 0, 3; 6 arrives before the re-arm at 7, which raises for it; poll at
                // 12 takes 6, 9, 12; re-arm at 14 finds nothing; 15 raises; poll at 20 takes 15, 18; 21 arrives
                // before the re-arm at 22, which raises; poll at 27 takes 21.
                arguments("steady rate: one every 3 us", micros(0, 3, 6, 9, 12, 15, 18, 21),
                        raises(0, 1, 7, 1, 15, 1, 22, 1), micros(5, 5, 12, 12, 12, 20, 20, 27)),
                arguments("gap: two, 49 us of silence, two", micros(0, 1, 50, 51), raises(0, 1, 50, 1),
                        micros(5, 5, 55, 55)),
                // Slow: one interrupt each. Fast (every 1 us from 40): 40 raises, the poll at 45 takes 40..45,
                // 46 and 47 make the re-arm at 47 raise, the poll at 52 takes 46..50: 11 packets, 2 interrupts.
                arguments("rate step: every 20 us, then every 1 us",
                        micros(0, 20, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50),
                        raises(0, 1, 20, 1, 40, 1, 47, 2),
                        micros(5, 25, 45, 45, 45, 45, 45, 45, 52, 52, 52, 52, 52)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withHost")
    void raisesOncePerPollCycle(String scenario, long[] arrivals, List<Raise> expected, long[] consumed) {
        PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(new NapiInterruptPolicy(false), arrivals, 0,
                1_000, arrivals[arrivals.length - 1] + 100_000, HOST);

        assertThat(result.raises()).isEqualTo(expected);
        assertThat(result.consumedNanos()).isEqualTo(consumed);
        assertThat(result.timerRaises()).as("no timers").isZero();
        assertThat(result.maskedAtEnd()).as("armed once the host re-armed").isFalse();
        assertThat(result.pendingAtEnd()).isZero();
    }

    @Test
    void rearmsWithAndWithoutUnconsumedCompletions() {
        NapiInterruptPolicy policy = new NapiInterruptPolicy(false);
        assertThat(policy.masked()).isFalse();

        assertThat(policy.onCompletion(100, 64)).as("armed: the first completion raises at once").isTrue();
        policy.onRaised(100);
        assertThat(policy.masked()).as("raising masks (MSI-X auto-mask)").isTrue();
        assertThat(policy.onCompletion(200, 64)).as("masked").isFalse();
        assertThat(policy.onCompletion(300, 64)).as("masked").isFalse();
        assertThat(policy.pendingCompletions()).isEqualTo(2);
        assertThat(policy.onTimer(Long.MAX_VALUE - 1)).as("no timers").isFalse();
        assertThat(policy.nextTimerNanos()).isEqualTo(NotificationPolicy.NO_TIMER);

        // The host consumed both, then re-armed: nothing waits.
        assertThat(policy.onRearm(400, 0)).isFalse();
        assertThat(policy.masked()).isFalse();
        assertThat(policy.pendingCompletions()).as("consumed by the host's poll").isZero();

        assertThat(policy.onCompletion(500, 64)).as("armed again").isTrue();
        policy.onRaised(500);
        policy.onCompletion(600, 64);
        policy.onCompletion(700, 64);
        policy.onCompletion(800, 64);
        // The host's poll took the first of them; two came after it: the re-arm must raise (missed-IRQ rule).
        assertThat(policy.onRearm(900, 2)).isTrue();
        assertThat(policy.masked()).as("unmasked until the loop raises").isFalse();
        assertThat(policy.pendingCompletions()).as("only the unconsumed ones wait").isEqualTo(2);
        policy.onRaised(900);
        assertThat(policy.masked()).isTrue();
        assertThat(policy.pendingCompletions()).isZero();
    }

    @Test
    void initiallyMaskedRaisesNothingUntilTheFirstRearm() {
        NapiInterruptPolicy policy = new NapiInterruptPolicy(true);
        assertThat(policy.masked()).isTrue();

        assertThat(policy.onCompletion(10, 64)).isFalse();
        assertThat(policy.onCompletion(20, 64)).isFalse();
        assertThat(policy.onTimer(1_000_000)).isFalse();
        assertThat(policy.pendingCompletions()).isEqualTo(2);
        assertThat(policy.onRearm(30, 1)).as("one the host has not consumed").isTrue();
        assertThat(policy.pendingCompletions()).isEqualTo(1);
    }

    /** The busy-polling host polls at 0 and re-arms at 2 us; the completion at 1 us makes that re-arm raise. */
    @Test
    void initiallyMaskedWithAHostThatStartsByPolling() {
        long[] arrivals = micros(1, 10);

        PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(new NapiInterruptPolicy(true), arrivals, 0,
                1_000, 100_000, new Host(5_000, 2_000));

        assertThat(result.raises()).isEqualTo(raises(2, 1, 10, 1));
        assertThat(result.rearmRaises()).isEqualTo(1);
        assertThat(result.consumedNanos()).isEqualTo(micros(7, 15));
    }

    @Test
    void disarmMasksWithoutRaising() {
        NapiInterruptPolicy policy = new NapiInterruptPolicy(false);

        policy.onDisarm(5);
        assertThat(policy.masked()).isTrue();
        assertThat(policy.onCompletion(10, 64)).isFalse();
        assertThat(policy.onRearm(20, 0)).isFalse();
        assertThat(policy.masked()).isFalse();
        assertThat(policy.onCompletion(30, 64)).isTrue();
    }

    /** Without a host nobody re-arms: one interrupt, then every completion waits. */
    @Test
    void withoutARearmOnlyTheFirstCompletionRaises() {
        PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(new NapiInterruptPolicy(false),
                micros(0, 3, 6, 9), 0, 1_000, 100_000);

        assertThat(result.raises()).isEqualTo(raises(0, 1));
        assertThat(result.pendingAtEnd()).isEqualTo(3);
        assertThat(result.maskedAtEnd()).isTrue();
    }

    @Test
    void nameIsNapi() {
        assertThat(new NapiInterruptPolicy(false).name()).isEqualTo("napi").isEqualTo(NapiInterruptPolicy.NAME);
        assertThat(new NapiInterruptPolicy(true).name()).isEqualTo("napi");
    }
}
