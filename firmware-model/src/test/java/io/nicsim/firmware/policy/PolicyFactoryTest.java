package io.nicsim.firmware.policy;

import io.nicsim.firmware.driver.DrainDriver;
import io.nicsim.firmware.driver.HybridPollDriver;
import io.nicsim.firmware.driver.IrqSuspendDriver;
import io.nicsim.firmware.driver.NapiDeferDriver;
import io.nicsim.firmware.driver.NapiDriver;
import io.nicsim.firmware.driver.PollModeDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Pins {@link PolicyFactory}: each name makes its device and driver pair, fresh, from its parameters; bad configs name
 * the key.
 */
class PolicyFactoryTest {

    private static FirmwareConfig config(String policy) {
        return FirmwareConfig.DEFAULTS.withPolicy(policy);
    }

    @Test
    void namesAreTheDocumentedOnes() {
        assertThat(PolicyFactory.NAMES).containsExactly("per-packet", "coalesce", "napi", "napi-defer", "irq-suspend",
                "dim", "adaptive-itr", "poll-mode", "hybrid-poll");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "per-packet,   PerPacketPolicy,     DrainDriver",
            "coalesce,     CoalescePolicy,      DrainDriver",
            "napi,         NapiInterruptPolicy, NapiDriver",
            "napi-defer,   NapiInterruptPolicy, NapiDeferDriver",
            "irq-suspend,  NapiInterruptPolicy, IrqSuspendDriver",
            "dim,          DimPolicy,           DrainDriver",
            "adaptive-itr, AdaptiveItrPolicy,   DrainDriver",
            "poll-mode,    NoInterruptPolicy,   PollModeDriver",
            "hybrid-poll,  NapiInterruptPolicy, HybridPollDriver"})
    void eachNameMakesItsPair(String name, String deviceClass, String driverClass) {
        Policy policy = PolicyFactory.create(config(name));
        assertThat(policy.name()).isEqualTo(name);
        assertThat(policy.device().getClass().getSimpleName()).isEqualTo(deviceClass);
        assertThat(policy.driver().getClass().getSimpleName()).isEqualTo(driverClass);
        assertThat(policy.device().pendingCompletions()).isZero();
    }

    @Test
    void masksAsEachPairNeeds() {
        assertThat(PolicyFactory.create(config("napi")).device().masked()).as("napi starts armed").isFalse();
        assertThat(PolicyFactory.create(config("hybrid-poll")).device().masked())
                .as("hybrid-poll starts polling with the interrupt off").isTrue();
        assertThat(PolicyFactory.create(config("hybrid-poll")).driver().startsPolling()).isTrue();
        assertThat(PolicyFactory.create(config("poll-mode")).device().masked()).isTrue();
        assertThat(PolicyFactory.create(config("per-packet")).driver()).isInstanceOf(DrainDriver.class);
    }

    @Test
    void passesTheDriverParameters() {
        FirmwareConfig d = FirmwareConfig.DEFAULTS;
        FirmwareConfig custom = new FirmwareConfig("napi", d.rxUsecs(), d.rxFrames(), d.timerMode(), d.itrNanos(),
                d.pollIntervalNanos(), 16, d.deferHardIrqs(), d.groFlushTimeoutNanos(), d.irqSuspendTimeoutNanos(),
                d.dimMode(), d.itrMode(), 8, d.hybridPauseAfterEmptyPolls(), d.hybridSleepAfterEmptyPolls(),
                d.hybridPauseNanos(), d.hybridSleepTimeoutNanos());
        assertThat(PolicyFactory.create(custom).driver().budget()).isEqualTo(16);
        assertThat(((NapiDriver) PolicyFactory.create(custom).driver()).budget()).isEqualTo(16);
        assertThat(PolicyFactory.create(custom.withPolicy("poll-mode")).driver().budget()).isEqualTo(8);
        assertThat(PolicyFactory.create(custom.withPolicy("hybrid-poll")).driver())
                .isInstanceOf(HybridPollDriver.class);
        assertThat(PolicyFactory.create(custom.withPolicy("napi-defer")).driver()).isInstanceOf(NapiDeferDriver.class);
        assertThat(PolicyFactory.create(custom.withPolicy("irq-suspend")).driver())
                .isInstanceOf(IrqSuspendDriver.class);
        assertThat(PolicyFactory.create(custom.withPolicy("poll-mode")).driver()).isInstanceOf(PollModeDriver.class);
    }

    @Test
    void coalesceGetsTheConfiguredFramesAndMicroseconds() {
        NotificationPolicy policy = PolicyFactory.create(config("coalesce").withCoalescing(7, 3)).device();
        assertThat(policy.onCompletion(1_000, 64)).isFalse();
        assertThat(policy.nextTimerNanos()).as("rxUsecs in microseconds: 7 us after the first completion")
                .isEqualTo(8_000);
        assertThat(policy.onCompletion(2_000, 64)).isFalse();
        assertThat(policy.onCompletion(3_000, 64)).as("the 3rd frame").isTrue();
    }

    @Test
    void eachCallCreatesAFreshInstance() {
        FirmwareConfig coalesce = config("coalesce");
        Policy first = PolicyFactory.create(coalesce);
        first.device().onCompletion(0, 64);
        Policy second = PolicyFactory.create(coalesce);
        assertThat(second.device()).isNotSameAs(first.device());
        assertThat(second.driver()).isNotSameAs(first.driver());
        assertThat(second.device().pendingCompletions()).as("no state shared between RX queues").isZero();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Coalesce", "per_packet", "adaptive"})
    void unknownPolicyNamesTheKeyAndTheChoices(String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PolicyFactory.create(config(name)))
                .withMessageContaining("firmware.policy")
                .withMessageContaining("per-packet")
                .withMessageContaining("hybrid-poll")
                .withMessageContaining("'" + name + "'");
    }

    @Test
    void badParametersNameTheirKey() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PolicyFactory.create(config("coalesce").withPollIntervalNanos(-1)))
                .withMessageContaining("firmware.pollIntervalNanos");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PolicyFactory.create(config("coalesce").withCoalescing(0, 0)))
                .withMessageContaining("firmware.rx");
        FirmwareConfig d = FirmwareConfig.DEFAULTS;
        FirmwareConfig badMode = new FirmwareConfig("coalesce", 50, 64, "fifo", 0, 0, 64, 2, 20_000, 20_000_000,
                "eqe", "dynamic", 32, 10, 300, 1_000, 10_000_000);
        assertThatIllegalArgumentException().isThrownBy(() -> PolicyFactory.create(badMode))
                .withMessageContaining("firmware.timerMode");
        FirmwareConfig badDimMode = new FirmwareConfig("dim", 50, 64, "eqe", 0, 0, 64, 2, 20_000, 20_000_000,
                "fifo", "dynamic", 32, 10, 300, 1_000, 10_000_000);
        assertThatIllegalArgumentException().isThrownBy(() -> PolicyFactory.create(badDimMode))
                .withMessageContaining("firmware.dimMode");
        FirmwareConfig badItrMode = new FirmwareConfig("adaptive-itr", 50, 64, "eqe", 0, 0, 64, 2, 20_000, 20_000_000,
                "eqe", "slow", 32, 10, 300, 1_000, 10_000_000);
        assertThatIllegalArgumentException().isThrownBy(() -> PolicyFactory.create(badItrMode))
                .withMessageContaining("firmware.itrMode");
        assertThat(d.policy()).isEqualTo("per-packet");
    }
}
