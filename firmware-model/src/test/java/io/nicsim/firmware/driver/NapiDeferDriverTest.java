package io.nicsim.firmware.driver;

import io.nicsim.firmware.driver.DriverPolicy.Action;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.nicsim.firmware.driver.DriverPolicyContract.Device.AUTO_MASKING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Pins {@link NapiDeferDriver}: {@code napi_complete_done}'s deferral: work reloads the counter, each drained poll
 * while it lasts arms the {@code gro_flush_timeout} timer instead of re-arming the interrupt.
 */
class NapiDeferDriverTest {

    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(
                DriverPolicyContract.verify("budget 64, defer 2, 20 us", () -> new NapiDeferDriver(64, 2, 20_000),
                        AUTO_MASKING, 20_000),
                DriverPolicyContract.verify("budget 4, defer 3, 1 us", () -> new NapiDeferDriver(4, 3, 1_000),
                        AUTO_MASKING, 1_000),
                DriverPolicyContract.verify("budget 1, defer 1, 50 ns", () -> new NapiDeferDriver(1, 1, 50),
                        AUTO_MASKING, 50),
                DriverPolicyContract.verify("defer 0: plain NAPI", () -> new NapiDeferDriver(64, 0, 20_000),
                        AUTO_MASKING, 0),
                DriverPolicyContract.verify("timeout 0: plain NAPI", () -> new NapiDeferDriver(64, 5, 0),
                        AUTO_MASKING, 0));
    }

    static Stream<Arguments> scripts() {
        return Stream.of(
                arguments("defer 2: work, empty, empty; then the counter reloads", new NapiDeferDriver(64, 2, 20_000),
                        """
                        irq  0
                        poll   1_000 5 POLL_AT 21_000           # work reloads the counter to 2; drained: 2 -> 1
                        poll  21_000 0 POLL_AT 41_000           # 1 -> 0
                        poll  41_000 0 REARM_AND_WAIT_INTERRUPT # 0: re-arm
                        irq  100_000
                        poll 100_500 3 POLL_AT 120_500          # reload to 2; 2 -> 1
                        poll 120_500 2 POLL_AT 140_500          # work again: reload to 2; 2 -> 1
                        poll 140_500 0 POLL_AT 160_500          # 1 -> 0
                        poll 160_500 0 REARM_AND_WAIT_INTERRUPT
                        """),
                arguments("budget used up polls at once, then the drained poll defers",
                        new NapiDeferDriver(4, 1, 10_000), """
                        irq  0
                        poll    100 4 POLL_NOW
                        poll    200 4 POLL_NOW
                        poll    300 1 POLL_AT 10_300            # reload to 1; 1 -> 0
                        poll 10_300 0 REARM_AND_WAIT_INTERRUPT
                        """),
                arguments("the counter starts at 0: an empty first poll re-arms", new NapiDeferDriver(64, 2, 20_000),
                        """
                        irq  0
                        poll 100 0 REARM_AND_WAIT_INTERRUPT
                        irq  500
                        poll 600 1 POLL_AT 20_600
                        """),
                arguments("a poll that used up the budget reloads too (docs/semantics.md#napi)",
                        new NapiDeferDriver(4, 1, 1_000), """
                        irq  0
                        poll   100 0 REARM_AND_WAIT_INTERRUPT   # counter 0
                        irq  5_000
                        poll 5_100 4 POLL_NOW                   # reload to 1
                        poll 5_200 0 POLL_AT 6_200              # 1 -> 0
                        poll 6_200 0 REARM_AND_WAIT_INTERRUPT
                        """),
                arguments("timeout 0: the counter counts down but nothing defers", new NapiDeferDriver(64, 3, 0), """
                        irq  0
                        poll 100 5 REARM_AND_WAIT_INTERRUPT
                        irq  200
                        poll 300 0 REARM_AND_WAIT_INTERRUPT
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void followsTheScript(String scenario, NapiDeferDriver driver, String script) {
        DriverScript.run(driver, script);
    }

    @ParameterizedTest(name = "budget {0}, defer {1}, timeout {2} ns")
    @CsvSource({"64, 0, 20000", "4, 0, 1", "1, 0, 0", "64, 7, 0", "4, 2, 0"})
    void withoutDeferralItAnswersExactlyLikeNapi(int budget, int deferHardIrqs, long groFlushTimeoutNanos) {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            NapiDriver napi = new NapiDriver(budget);
            NapiDeferDriver defer = new NapiDeferDriver(budget, deferHardIrqs, groFlushTimeoutNanos);
            long now = random.nextLong(1L << 40) - (1L << 39);
            for (int step = 0; step < 2_000; step++) {
                now += random.nextLong(50_000);
                if (random.nextInt(3) == 0) {
                    napi.onInterrupt(now);
                    defer.onInterrupt(now);
                }
                int kind = random.nextInt(3);
                int packets = kind == 0 ? 0 : kind == 1 ? budget : random.nextInt(budget + 1);
                assertThat(defer.afterPoll(packets, now)).as("seed %d, step %d, %d packets", seed, step, packets)
                        .isEqualTo(napi.afterPoll(packets, now));
            }
            assertThat(defer.deferrals()).isZero();
        }
        // And in the simulated loop: the same packets polled at the same times.
        for (long seed = 1; seed <= 8; seed++) {
            long[] arrivals = DriverPolicyContract.randomSequence(new SplittableRandom(seed), 0, 300, 10_000, 100);
            DriverLoopSimulation.Result napi = DriverLoopSimulation.run(new NapiDriver(budget), AUTO_MASKING, arrivals,
                    0, 100, Long.MAX_VALUE);
            DriverLoopSimulation.Result defer = DriverLoopSimulation.run(
                    new NapiDeferDriver(budget, deferHardIrqs, groFlushTimeoutNanos), AUTO_MASKING, arrivals, 0, 100,
                    Long.MAX_VALUE);
            assertThat(defer.polledNanos()).as("seed %d", seed).isEqualTo(napi.polledNanos());
            assertThat(defer.actions()).as("seed %d", seed).isEqualTo(napi.actions());
        }
    }

    @Test
    void deferralSavesInterruptsUnderASteadyStream() {
        // A packet every 10 us for 1 ms; the timer (20 us) outlasts the gap, so after the first interrupt the
        // timer polls keep finding work and the interrupt is not re-armed until the stream stops.
        long[] arrivals = new long[100];
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = 5_000 + i * 10_000L;
        }
        NapiDeferDriver defer = new NapiDeferDriver(64, 2, 20_000);

        DriverLoopSimulation.Result deferred = DriverLoopSimulation.run(defer, AUTO_MASKING, arrivals, 0, 100,
                Long.MAX_VALUE);
        DriverLoopSimulation.Result napi = DriverLoopSimulation.run(new NapiDriver(64), AUTO_MASKING, arrivals, 0, 100,
                Long.MAX_VALUE);

        assertThat(napi.interrupts()).isEqualTo(100);
        assertThat(deferred.interrupts()).isEqualTo(1);
        assertThat(deferred.count(Action.REARM_AND_WAIT_INTERRUPT)).isEqualTo(1);
        assertThat(defer.deferrals()).isEqualTo(deferred.count(Action.POLL_AT));
        assertThat(deferred.settled()).isTrue();
    }

    @Test
    void aDeadlineNearTheEndOfTimeSaturates() {
        NapiDeferDriver driver = new NapiDeferDriver(64, 1, 20_000);

        assertThat(driver.afterPoll(1, Long.MAX_VALUE - 10)).isEqualTo(Action.POLL_AT);
        assertThat(driver.wakeAtNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void identity() {
        NapiDeferDriver driver = new NapiDeferDriver(32, 2, 20_000);

        assertThat(driver.name()).isEqualTo("napi-defer").isEqualTo(NapiDeferDriver.NAME);
        assertThat(driver.budget()).isEqualTo(32);
        assertThat(driver.startsPolling()).isFalse();
        assertThat(driver.wakeAtNanos()).as("before any timer").isEqualTo(Long.MAX_VALUE);
        assertThat(driver.deferrals()).isZero();
    }

    @Test
    void rejectsValuesOutOfRangeNamingTheKey() {
        assertThatThrownBy(() -> new NapiDeferDriver(0, 2, 20_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firmware.budget must be >= 1, got 0");
        assertThatThrownBy(() -> new NapiDeferDriver(64, -1, 20_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firmware.deferHardIrqs must be >= 0, got -1");
        assertThatThrownBy(() -> new NapiDeferDriver(64, 2, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firmware.groFlushTimeoutNanos must be >= 0, got -1");
        assertThatThrownBy(() -> new NapiDeferDriver(64, 2, 20_000).afterPoll(65, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
