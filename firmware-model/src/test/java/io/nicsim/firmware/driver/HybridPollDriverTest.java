package io.nicsim.firmware.driver;

import io.nicsim.firmware.driver.DriverPolicy.Action;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.stream.Stream;

import static io.nicsim.firmware.driver.DriverPolicyContract.Device.AUTO_MASKING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pins {@link HybridPollDriver} ({@code l3fwd-power}): spin for up to 10 empty polls in a row, pause 1 us between
 * polls up to the 299th, sleep on the interrupt (10 ms at most) at the 300th; the count restarts after the sleep.
 */
class HybridPollDriverTest {

    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(
                DriverPolicyContract.verify("defaults", HybridPollDriverTest::defaults, AUTO_MASKING, 1_000),
                DriverPolicyContract.verify("burst 4, pause after 2, sleep at 5, 100 ns, 3 us",
                        () -> new HybridPollDriver(4, 2, 5, 100, 3_000), AUTO_MASKING, 100),
                DriverPolicyContract.verify("burst 1, sleep at the first empty poll, 50 ns, 200 ns",
                        () -> new HybridPollDriver(1, 0, 1, 50, 200), AUTO_MASKING, 50));
    }

    static HybridPollDriver defaults() {
        return new HybridPollDriver(PollModeDriver.DEFAULT_BURST, HybridPollDriver.DEFAULT_PAUSE_AFTER_EMPTY_POLLS,
                HybridPollDriver.DEFAULT_SLEEP_AFTER_EMPTY_POLLS, HybridPollDriver.DEFAULT_PAUSE_NANOS,
                HybridPollDriver.DEFAULT_SLEEP_TIMEOUT_NANOS);
    }

    /** With the defaults: the n-th empty poll in a row, and what it answers. */
    @ParameterizedTest(name = "empty poll {0} in a row: {1}")
    @CsvSource({ // pauses: one per empty poll from the 11th to the 299th (the 300th sleeps instead)
            "1,   POLL_NOW,                         0",
            "10,  POLL_NOW,                         0",
            "11,  POLL_AT,                          1",
            "12,  POLL_AT,                          2",
            "299, POLL_AT,                          289",
            "300, REARM_AND_WAIT_INTERRUPT_UNTIL,   289"})
    void thresholds(int n, Action expected, long expectedPauses) {
        HybridPollDriver driver = defaults();
        long now = 1_000_000;
        assertThat(driver.afterPoll(7, now)).isEqualTo(Action.POLL_NOW);
        for (int i = 1; i < n; i++) {
            now = driver.afterPoll(0, now) == Action.POLL_AT ? driver.wakeAtNanos() : now + 50;
        }
        now += 50;

        assertThat(driver.afterPoll(0, now)).isEqualTo(expected);

        assertThat(driver.emptyPollsInRow()).isEqualTo(n);
        switch (expected) {
            case POLL_AT -> assertThat(driver.wakeAtNanos()).isEqualTo(now + 1_000);
            case REARM_AND_WAIT_INTERRUPT_UNTIL -> assertThat(driver.wakeAtNanos()).isEqualTo(now + 10_000_000);
            default -> {
            }
        }
        assertThat(driver.pauses()).isEqualTo(expectedPauses);
        assertThat(driver.sleeps()).isEqualTo(n == 300 ? 1 : 0);
    }

    @Test
    void aWholeCycleWithSmallThresholds() {
        HybridPollDriver driver = new HybridPollDriver(4, 2, 4, 100, 3_000);

        DriverScript.run(driver, """
                poll      0 4 POLL_NOW                              # a full burst
                poll     10 1 POLL_NOW                              # found packets: count 0
                poll     20 0 POLL_NOW                              # 1
                poll     30 0 POLL_NOW                              # 2 = pauseAfterEmptyPolls: still at once
                poll     40 0 POLL_AT 140                           # 3: pause
                poll    140 0 REARM_AND_WAIT_INTERRUPT_UNTIL 3_140  # 4 = sleepAfterEmptyPolls: sleep
                irq   1_000                                         # the interrupt ends the sleep: count 0
                poll  1_010 0 POLL_NOW                              # 1
                poll  1_020 0 POLL_NOW                              # 2
                poll  1_030 0 POLL_AT 1_130                         # 3
                poll  1_130 0 REARM_AND_WAIT_INTERRUPT_UNTIL 4_130  # 4
                poll  4_130 0 POLL_NOW                              # the timeout ended the sleep: count restarts, 1
                poll  4_140 0 POLL_NOW                              # 2
                poll  4_150 0 POLL_AT 4_250                         # 3
                poll  4_250 2 POLL_NOW                              # packets reset the count in the pause phase
                poll  4_260 0 POLL_NOW                              # 1
                """);

        assertThat(driver.sleeps()).isEqualTo(2);
        assertThat(driver.pauses()).isEqualTo(3);
        assertThat(driver.emptyPollsInRow()).isEqualTo(1);
    }

    @Test
    void anIdleCoreSleepsAndTheInterruptWakesItForTheNextPacket() {
        // Two packets 25 ms apart, polls of 100 ns. After the first: 10 spins and 289 pauses of 1 us (319 us in
        // all), then a sleep at 0.32 ms; its 10 ms timeout ends it at 10.32 ms, another cycle sleeps at 10.64 ms
        // until 20.64 ms, a third sleeps at 20.96 ms, and the second packet's interrupt ends that one at 25 ms: it
        // is polled the instant it arrives.
        HybridPollDriver driver = defaults();
        long second = 25_000_000;

        DriverLoopSimulation.Result result = DriverLoopSimulation.run(driver, AUTO_MASKING,
                new long[] {1_000, second}, 0, 100, second + 1_000);

        assertThat(result.polledNanos()[1]).isEqualTo(second);
        assertThat(result.interrupts()).isEqualTo(1);
        assertThat(driver.sleeps()).isEqualTo(3);
        assertThat(result.count(Action.REARM_AND_WAIT_INTERRUPT_UNTIL)).isEqualTo(3);
        assertThat(driver.pauses()).as("289 per cycle, three cycles").isEqualTo(867);
    }

    @Test
    void defaultsAndIdentity() {
        HybridPollDriver driver = defaults();

        assertThat(HybridPollDriver.DEFAULT_PAUSE_AFTER_EMPTY_POLLS).isEqualTo(10);
        assertThat(HybridPollDriver.DEFAULT_SLEEP_AFTER_EMPTY_POLLS).isEqualTo(300);
        assertThat(HybridPollDriver.DEFAULT_PAUSE_NANOS).isEqualTo(1_000);
        assertThat(HybridPollDriver.DEFAULT_SLEEP_TIMEOUT_NANOS).isEqualTo(10_000_000);
        assertThat(driver.name()).isEqualTo("hybrid-poll").isEqualTo(HybridPollDriver.NAME);
        assertThat(driver.budget()).isEqualTo(32);
        assertThat(driver.startsPolling()).isTrue();
        assertThat(driver.wakeAtNanos()).as("before any pause").isEqualTo(Long.MAX_VALUE);
        assertThat(driver.sleeps()).isZero();
        assertThat(driver.pauses()).isZero();
        assertThat(driver.emptyPollsInRow()).isZero();
    }

    @Test
    void rejectsValuesOutOfRangeNamingTheKey() {
        assertThatThrownBy(() -> new HybridPollDriver(0, 10, 300, 1_000, 10_000_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("firmware.burst must be >= 1, got 0");
        assertThatThrownBy(() -> new HybridPollDriver(32, -1, 300, 1_000, 10_000_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firmware.hybridPauseAfterEmptyPolls must be >= 0, got -1");
        assertThatThrownBy(() -> new HybridPollDriver(32, 10, 10, 1_000, 10_000_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firmware.hybridSleepAfterEmptyPolls must be > firmware.hybridPauseAfterEmptyPolls (10),"
                + " got 10");
        assertThatThrownBy(() -> new HybridPollDriver(32, 10, 300, 0, 10_000_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firmware.hybridPauseNanos must be >= 1, got 0");
        assertThatThrownBy(() -> new HybridPollDriver(32, 10, 300, 1_000, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firmware.hybridSleepTimeoutNanos must be >= 1, got 0");
    }
}
