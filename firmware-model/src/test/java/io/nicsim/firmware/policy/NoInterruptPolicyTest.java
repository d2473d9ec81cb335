package io.nicsim.firmware.policy;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.nicsim.firmware.policy.NotificationPolicyContract.noInterrupts;
import static io.nicsim.firmware.policy.PolicyLoopSimulation.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Pins {@link NoInterruptPolicy}: poll mode (REFERENCE section 5) never raises, whatever arrives and whoever re-arms.
 */
class NoInterruptPolicyTest {

    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(NotificationPolicyContract.verify("poll-mode", NoInterruptPolicy::new, noInterrupts()));
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                arguments("burst: 100 completions at one instant", micros(new long[100])),
                arguments("steady rate: one every 3 us", micros(0, 3, 6, 9, 12, 15)),
                arguments("gap: two, 100 us of silence, two", micros(1, 2, 102, 103)),
                arguments("rate step: every 10 us, then every 1 us", micros(0, 10, 20, 21, 22, 23)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void neverRaises(String scenario, long[] arrivals) {
        PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(new NoInterruptPolicy(), arrivals, 0, 1_000,
                arrivals[arrivals.length - 1] + 1_000_000);

        assertThat(result.raises()).isEmpty();
        assertThat(result.pendingAtEnd()).as("no interrupt covers any").isEqualTo(arrivals.length);
        assertThat(result.maskedAtEnd()).isTrue();
    }

    @Test
    void isAlwaysMaskedAndIgnoresDoorbells() {
        NoInterruptPolicy policy = new NoInterruptPolicy();
        assertThat(policy.masked()).isTrue();

        assertThat(policy.onCompletion(0, 64)).isFalse();
        assertThat(policy.onRearm(1, 1)).as("a re-arm with a completion waiting still raises nothing").isFalse();
        assertThat(policy.masked()).isTrue();
        policy.onDisarm(2);
        assertThat(policy.masked()).isTrue();
        assertThat(policy.onTimer(Long.MAX_VALUE - 1)).isFalse();
        assertThat(policy.nextTimerNanos()).isEqualTo(NotificationPolicy.NO_TIMER);
        assertThat(policy.pendingCompletions()).isEqualTo(1);
    }

    @Test
    void nameIsPollMode() {
        assertThat(new NoInterruptPolicy().name()).isEqualTo("poll-mode").isEqualTo(NoInterruptPolicy.NAME);
    }
}
