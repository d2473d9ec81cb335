package io.nicsim.firmware.driver;

import io.nicsim.firmware.driver.DriverPolicy.Action;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.nicsim.firmware.driver.DriverPolicyContract.Device.AUTO_MASKING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pins {@link PollModeDriver}: polls from the start, a burst at a time, and never stops or re-arms. */
class PollModeDriverTest {

    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(
                DriverPolicyContract.verify("burst 32", () -> new PollModeDriver(32), AUTO_MASKING, 0),
                DriverPolicyContract.verify("burst 1", () -> new PollModeDriver(1), AUTO_MASKING, 0));
    }

    @Test
    void alwaysPollsAgainAtOnce() {
        DriverScript.run(new PollModeDriver(32), """
                poll  0 32 POLL_NOW    # a full burst
                poll 10  5 POLL_NOW
                poll 20  0 POLL_NOW    # empty: spin on
                poll 30  0 POLL_NOW
                poll 99  0 POLL_NOW
                """);
    }

    @Test
    void neverReArmsSoTheDeviceNeverRaises() {
        long[] arrivals = DriverPolicyContract.randomSequence(new SplittableRandom(42), 0, 500, 10_000, 50);

        DriverLoopSimulation.Result result = DriverLoopSimulation.run(new PollModeDriver(32), AUTO_MASKING, arrivals,
                0, 50, arrivals[arrivals.length - 1] + 1_000);

        assertThat(result.interrupts()).isZero();
        for (Action action : Action.values()) {
            if (action != Action.POLL_NOW) {
                assertThat(result.count(action)).as("%s answered", action).isZero();
            }
        }
        assertThat(result.unpolled()).isZero();
    }

    @Test
    void defaultsAndIdentity() {
        PollModeDriver driver = new PollModeDriver(PollModeDriver.DEFAULT_BURST);

        assertThat(PollModeDriver.DEFAULT_BURST).isEqualTo(32);
        assertThat(driver.name()).isEqualTo("poll-mode").isEqualTo(PollModeDriver.NAME);
        assertThat(driver.budget()).isEqualTo(32);
        assertThat(driver.startsPolling()).isTrue();
        assertThat(driver.wakeAtNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -32})
    void rejectsABurstBelowOne(int burst) {
        assertThatThrownBy(() -> new PollModeDriver(burst)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firmware.burst must be >= 1, got " + burst);
    }

    @Test
    void rejectsAPollOutsideTheBurst() {
        assertThatThrownBy(() -> new PollModeDriver(32).afterPoll(33, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
