package io.nicsim.firmware.driver;

import io.nicsim.firmware.driver.DriverPolicy.Action;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static io.nicsim.firmware.driver.DriverPolicyContract.Device.AUTO_MASKING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Pins {@link NapiDriver}: poll again while the budget is used up, re-arm as soon as a poll drains the ring. */
class NapiDriverTest {

    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(
                DriverPolicyContract.verify("budget 64", () -> new NapiDriver(64), AUTO_MASKING, 0),
                DriverPolicyContract.verify("budget 4", () -> new NapiDriver(4), AUTO_MASKING, 0),
                DriverPolicyContract.verify("budget 1", () -> new NapiDriver(1), AUTO_MASKING, 0));
    }

    static Stream<Arguments> scripts() {
        return Stream.of(
                arguments("budget exhaustion, then drain", 4, """
                        irq  0
                        poll   100 4 POLL_NOW                   # budget used up: stay scheduled, masked
                        poll   200 4 POLL_NOW
                        poll   300 3 REARM_AND_WAIT_INTERRUPT   # < budget: napi_complete_done, unmask
                        irq  9_000
                        poll 9_100 0 REARM_AND_WAIT_INTERRUPT   # drained at once
                        """),
                arguments("exactly the budget, then an empty poll", 64, """
                        irq  0
                        poll 100 64 POLL_NOW
                        poll 200  0 REARM_AND_WAIT_INTERRUPT
                        """),
                arguments("budget 1: every packet takes a poll", 1, """
                        irq  0
                        poll 10 1 POLL_NOW
                        poll 20 1 POLL_NOW
                        poll 30 0 REARM_AND_WAIT_INTERRUPT
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void followsTheScript(String scenario, int budget, String script) {
        DriverScript.run(new NapiDriver(budget), script);
    }

    @Test
    void aBurstOfAThousandTakesOneInterruptAndSixteenPolls() {
        long[] arrivals = new long[1_000];
        Arrays.fill(arrivals, 500);

        DriverLoopSimulation.Result result = DriverLoopSimulation.run(new NapiDriver(64), AUTO_MASKING, arrivals, 0,
                100, 1_000_000);

        // 15 polls of 64 (960 packets), then one of 40 that drains the ring and re-arms.
        assertThat(result.interrupts()).isEqualTo(1);
        assertThat(result.polls()).isEqualTo(16);
        assertThat(result.count(Action.POLL_NOW)).isEqualTo(15);
        assertThat(result.count(Action.REARM_AND_WAIT_INTERRUPT)).isEqualTo(1);
        assertThat(result.polledNanos()[999]).as("the last packet, in the 16th poll").isEqualTo(500 + 15 * 100);
        assertThat(result.settled()).isTrue();
    }

    @Test
    void aPacketThatArrivesDuringThePollIsRaisedAtTheReArm() {
        // Poll 1 runs 100..200 and takes packet 0; packet 1 arrives at 150, while the interrupt is masked. The
        // re-arm at 200 finds it waiting: the device raises at once (missed-IRQ rule), poll 2 starts at 200.
        DriverLoopSimulation.Result result = DriverLoopSimulation.run(new NapiDriver(64), AUTO_MASKING,
                new long[] {100, 150}, 0, 100, 1_000_000);

        assertThat(result.polledNanos()).containsExactly(100, 200);
        assertThat(result.interrupts()).isEqualTo(2);
        assertThat(result.count(Action.REARM_AND_WAIT_INTERRUPT)).isEqualTo(2);
    }

    @Test
    void defaultsAndIdentity() {
        NapiDriver driver = new NapiDriver(NapiDriver.DEFAULT_BUDGET);

        assertThat(NapiDriver.DEFAULT_BUDGET).isEqualTo(64);
        assertThat(driver.name()).isEqualTo("napi").isEqualTo(NapiDriver.NAME);
        assertThat(driver.budget()).isEqualTo(64);
        assertThat(driver.startsPolling()).isFalse();
        assertThat(driver.wakeAtNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void rejectsABudgetBelowOne(int budget) {
        assertThatThrownBy(() -> new NapiDriver(budget)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firmware.budget must be >= 1, got " + budget);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65})
    void rejectsAPollOutsideTheBudget(int packets) {
        assertThatThrownBy(() -> new NapiDriver(64).afterPoll(packets, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(packets)).hasMessageContaining("[0, 64]");
    }
}
