package io.nicsim.firmware.policy;

import io.nicsim.firmware.policy.PolicyLoopSimulation.Raise;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.nicsim.firmware.policy.NotificationPolicyContract.atMost;
import static io.nicsim.firmware.policy.PolicyLoopSimulation.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Pins {@link PerPacketPolicy}: one interrupt per completion, raised at the instant the descriptor is written. */
class PerPacketPolicyTest {

    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(NotificationPolicyContract.verify("per-packet", PerPacketPolicy::new, atMost(0)));
    }

    /** Arrivals in microseconds, the interrupts expected (time in microseconds, completions covered). */
    static Stream<Arguments> scenarios() {
        return Stream.of(
                arguments("burst: 5 completions at one instant", micros(7, 7, 7, 7, 7),
                        raises(7, 1, 7, 1, 7, 1, 7, 1, 7, 1)),
                arguments("steady rate: one every 3 us", micros(0, 3, 6, 9, 12),
                        raises(0, 1, 3, 1, 6, 1, 9, 1, 12, 1)),
                arguments("gap: two, 100 us of silence, two", micros(1, 2, 102, 103),
                        raises(1, 1, 2, 1, 102, 1, 103, 1)),
                arguments("rate step: every 10 us, then every 1 us", micros(0, 10, 20, 21, 22, 23),
                        raises(0, 1, 10, 1, 20, 1, 21, 1, 22, 1, 23, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void raisesAtEveryCompletion(String scenario, long[] arrivals, List<Raise> expected) {
        PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(new PerPacketPolicy(), arrivals, 0, 1_000,
                arrivals[arrivals.length - 1] + 50_000);

        assertThat(result.raises()).isEqualTo(expected);
        assertThat(result.timerRaises()).as("per-packet has no timer").isZero();
    }

    @Test
    void everyCompletionAsksForAnInterruptEvenBeforeTheLastOneWasRaised() {
        PerPacketPolicy policy = new PerPacketPolicy();

        assertThat(policy.onCompletion(100, 64)).isTrue();
        assertThat(policy.onCompletion(100, 64)).isTrue();
        assertThat(policy.pendingCompletions()).isEqualTo(2);
        assertThat(policy.nextTimerNanos()).isEqualTo(NotificationPolicy.NO_TIMER);
        assertThat(policy.onTimer(Long.MAX_VALUE - 1)).as("no timer ever, even with completions pending").isFalse();

        policy.onRaised(100);
        assertThat(policy.pendingCompletions()).isZero();
    }

    @Test
    void nameIsTheScenarioName() {
        assertThat(new PerPacketPolicy().name()).isEqualTo("per-packet").isEqualTo(PerPacketPolicy.NAME);
    }

    /** @param pairs time in microseconds, completions; repeated */
    static List<Raise> raises(long... pairs) {
        List<Raise> raises = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            raises.add(new Raise(pairs[i] * 1_000L, (int) pairs[i + 1]));
        }
        return raises;
    }
}
