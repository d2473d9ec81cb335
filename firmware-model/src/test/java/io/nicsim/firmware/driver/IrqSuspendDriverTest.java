package io.nicsim.firmware.driver;

import io.nicsim.firmware.driver.DriverPolicy.Action;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.nicsim.firmware.driver.DriverPolicyContract.Device.AUTO_MASKING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Pins {@link IrqSuspendDriver}: busy polls while it finds packets (the interrupt suspended, the timeout re-armed),
 * falls back to the deferral rule at the first empty poll, and counts polls that came after the suspend deadline.
 */
class IrqSuspendDriverTest {

    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(
                DriverPolicyContract.verify("budget 64, defer 2, 20 us, suspend 50 us",
                        () -> new IrqSuspendDriver(64, 2, 20_000, 50_000), AUTO_MASKING, 20_000),
                DriverPolicyContract.verify("budget 4, defer 3, 1 us, suspend 1 ns: every busy poll times out",
                        () -> new IrqSuspendDriver(4, 3, 1_000, 1), AUTO_MASKING, 1_000),
                DriverPolicyContract.verify("budget 1, defer 1, 500 ns, suspend 2 us",
                        () -> new IrqSuspendDriver(1, 1, 500, 2_000), AUTO_MASKING, 500),
                DriverPolicyContract.verify("defer 0: re-arm at the first empty poll",
                        () -> new IrqSuspendDriver(64, 0, 0, 1_000), AUTO_MASKING, 0),
                DriverPolicyContract.verify("busy poll 5 us before the suspension ends",
                        () -> new IrqSuspendDriver(64, 2, 20_000, 50_000, 5_000), AUTO_MASKING, 20_000));
    }

    static Stream<Arguments> scripts() {
        return Stream.of(
                arguments("busy polls while it finds packets; the first empty poll falls back to the defer rule", """
                        irq  0
                        poll  1_000  5 POLL_NOW                 # found packets: suspended until 51_000
                        poll  2_000 64 POLL_NOW
                        poll  3_000  1 POLL_NOW                 # suspended until 53_000
                        poll  4_000  0 POLL_AT 24_000           # first empty poll: counter (reloaded to 2) 2 -> 1
                        poll 24_000  0 POLL_AT 44_000           # 1 -> 0
                        poll 44_000  0 REARM_AND_WAIT_INTERRUPT
                        """, 0),
                arguments("a timer poll that finds packets suspends again, with the counter reloaded", """
                        irq  0
                        poll  1_000 5 POLL_NOW
                        poll  2_000 0 POLL_AT 22_000            # 2 -> 1
                        poll 22_000 3 POLL_NOW                  # reload to 2, suspended
                        poll 23_000 0 POLL_AT 43_000            # 2 -> 1
                        poll 43_000 0 POLL_AT 63_000            # 1 -> 0
                        poll 63_000 0 REARM_AND_WAIT_INTERRUPT
                        """, 0),
                arguments("the application stalls past the deadline: a suspend timeout", """
                        irq  0
                        poll   1_000 5 POLL_NOW                 # deadline 51_000
                        poll  51_000 5 POLL_NOW                 # exactly at the deadline: in time; now 101_000
                        poll 101_001 5 POLL_AT 121_001          # 1 ns late: timeout; defer rule: reload 2, 2 -> 1
                        poll 121_001 0 POLL_AT 141_001          # 1 -> 0
                        poll 141_001 0 REARM_AND_WAIT_INTERRUPT
                        """, 1),
                arguments("a timed-out poll that used up the budget still polls at once", """
                        irq  0
                        poll   1_000 64 POLL_NOW                # deadline 51_000
                        poll  60_000 64 POLL_NOW                # timeout 1, budget used up
                        poll  61_000 10 POLL_NOW                # found packets: suspended again, until 111_000
                        poll 200_000  0 POLL_AT 220_000         # timeout 2, empty: defer rule 2 -> 1
                        poll 220_000  0 POLL_AT 240_000         # not suspended: no timeout
                        poll 240_000  0 REARM_AND_WAIT_INTERRUPT
                        """, 2),
                arguments("an interrupt whose poll finds nothing re-arms (the counter starts at 0)", """
                        irq  0
                        poll 1_000 0 REARM_AND_WAIT_INTERRUPT
                        """, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void followsTheScript(String scenario, String script, long suspendTimeouts) {
        IrqSuspendDriver driver = new IrqSuspendDriver(64, 2, 20_000, 50_000);

        DriverScript.run(driver, script);

        assertThat(driver.suspendTimeouts()).isEqualTo(suspendTimeouts);
    }

    @Test
    void emptyPollsGoOnForTheBusyPollWindowStillSuspended() {
        IrqSuspendDriver driver = new IrqSuspendDriver(64, 2, 20_000, 50_000, 10_000);
        DriverScript.run(driver, """
                irq  0
                poll  1_000 5 POLL_NOW                  # found packets at 1_000: busy-poll until 11_000
                poll  2_000 0 POLL_NOW                  # empty, inside the window: ep_poll's busy loop
                poll 10_999 0 POLL_NOW
                poll 11_000 3 POLL_NOW                  # found packets: the window restarts, until 21_000
                poll 20_999 0 POLL_NOW
                poll 21_000 0 POLL_AT 41_000            # the window is over: suspension ends, defer rule 2 -> 1
                poll 41_000 0 POLL_AT 61_000            # not suspended: a timer poll, 1 -> 0
                poll 61_000 0 REARM_AND_WAIT_INTERRUPT
                """);
        assertThat(driver.suspended()).isFalse();
        assertThat(driver.deferrals()).isEqualTo(2);
    }

    @Test
    void aBusyPollWindowLongerThanTheGapsKeepsAStreamSuspendedWithNoTimerPolls() {
        // the stream of aBusyPeriodTakesOneInterrupt, with a 1 us busy-poll window: longer than the 300 ns gaps, so
        // the busy poll never gives up during the stream; the deferral timer only runs after it
        long[] arrivals = new long[200];
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = 1_000 + i * 300L;
        }
        IrqSuspendDriver driver = new IrqSuspendDriver(64, 2, 1_000, 50_000, 1_000);

        DriverLoopSimulation.Result result = DriverLoopSimulation.run(driver, AUTO_MASKING, arrivals, 0, 100,
                Long.MAX_VALUE);

        assertThat(result.interrupts()).isEqualTo(1);
        assertThat(result.unpolled()).isZero();
        assertThat(driver.deferrals()).isEqualTo(2); // the two timer polls after the stream, none during it
        assertThat(result.settled()).isTrue();
    }

    @Test
    void aNegativeBusyPollWindowIsRefusedByName() {
        assertThatThrownBy(() -> new IrqSuspendDriver(64, 2, 20_000, 50_000, -1))
                .hasMessageContaining("firmware.busyPollNanos");
    }

    @Test
    void withoutDeferTheFirstEmptyPollReArms() {
        DriverScript.run(new IrqSuspendDriver(64, 0, 20_000, 50_000), """
                irq  0
                poll 1_000 5 POLL_NOW
                poll 2_000 0 REARM_AND_WAIT_INTERRUPT
                """);
    }

    @Test
    void suspendedOnlyBetweenAPollThatFoundPacketsAndTheNextEmptyOrLatePoll() {
        IrqSuspendDriver driver = new IrqSuspendDriver(64, 2, 20_000, 50_000);
        assertThat(driver.suspended()).isFalse();

        driver.onInterrupt(0);
        driver.afterPoll(3, 1_000);
        assertThat(driver.suspended()).isTrue();
        driver.afterPoll(0, 2_000);
        assertThat(driver.suspended()).isFalse();
        driver.afterPoll(3, 22_000);
        assertThat(driver.suspended()).isTrue();
        driver.afterPoll(3, 80_000); // past 72_000
        assertThat(driver.suspended()).isFalse();
        assertThat(driver.suspendTimeouts()).isEqualTo(1);
        assertThat(driver.deferrals()).isEqualTo(2);
    }

    @Test
    void aBusyPeriodTakesOneInterrupt() {
        // 200 packets 300 ns apart, polls of 100 ns: most polls find nothing yet (the consumer is faster than the
        // stream), so the suspension ends at once and the deferral timer (1 us) carries the busy period: one
        // interrupt for the whole stream, then two timer polls and a re-arm.
        long[] arrivals = new long[200];
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = 1_000 + i * 300L;
        }
        IrqSuspendDriver driver = new IrqSuspendDriver(64, 2, 1_000, 50_000);

        DriverLoopSimulation.Result result = DriverLoopSimulation.run(driver, AUTO_MASKING, arrivals, 0, 100,
                Long.MAX_VALUE);

        assertThat(result.interrupts()).isEqualTo(1);
        assertThat(result.count(Action.REARM_AND_WAIT_INTERRUPT)).isEqualTo(1);
        assertThat(result.unpolled()).isZero();
        assertThat(driver.suspendTimeouts()).isZero();
        assertThat(result.settled()).isTrue();
    }

    @Test
    void identity() {
        IrqSuspendDriver driver = new IrqSuspendDriver(64, 2, 20_000, 50_000);

        assertThat(driver.name()).isEqualTo("irq-suspend").isEqualTo(IrqSuspendDriver.NAME);
        assertThat(driver.budget()).isEqualTo(64);
        assertThat(driver.startsPolling()).isFalse();
        assertThat(driver.wakeAtNanos()).as("before any timer").isEqualTo(Long.MAX_VALUE);
        assertThat(driver.suspendTimeouts()).isZero();
    }

    @Test
    void rejectsValuesOutOfRangeNamingTheKey() {
        assertThatThrownBy(() -> new IrqSuspendDriver(0, 2, 20_000, 50_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("firmware.budget must be >= 1, got 0");
        assertThatThrownBy(() -> new IrqSuspendDriver(64, -1, 20_000, 50_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("firmware.deferHardIrqs must be >= 0, got -1");
        assertThatThrownBy(() -> new IrqSuspendDriver(64, 2, -1, 50_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firmware.groFlushTimeoutNanos must be >= 0, got -1");
        assertThatThrownBy(() -> new IrqSuspendDriver(64, 2, 20_000, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firmware.irqSuspendTimeoutNanos must be >= 1, got 0");
        assertThatThrownBy(() -> new IrqSuspendDriver(64, 2, 20_000, 50_000).afterPoll(-1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
