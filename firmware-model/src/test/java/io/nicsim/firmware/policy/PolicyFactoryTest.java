package io.nicsim.firmware.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Pins {@link PolicyFactory}: names map to fresh, correctly parameterised policies; bad configs name the key. */
class PolicyFactoryTest {

    @Test
    void namesAreTheDocumentedOnes() {
        assertThat(PolicyFactory.NAMES).containsExactly("per-packet", "coalesce");
    }

    @Test
    void everyListedNameCreatesAPolicyOfThatName() {
        for (String name : PolicyFactory.NAMES) {
            NotificationPolicy policy = PolicyFactory.create(new FirmwareConfig(name, 50, 64, 0));
            assertThat(policy.name()).isEqualTo(name);
            assertThat(policy.pendingCompletions()).isZero();
            assertThat(policy.nextTimerNanos()).isEqualTo(NotificationPolicy.NO_TIMER);
        }
    }

    @Test
    void perPacketIgnoresCoalescingFields() {
        NotificationPolicy policy = PolicyFactory.create(new FirmwareConfig("per-packet", 0, 0, 1_000));

        assertThat(policy).isInstanceOf(PerPacketPolicy.class);
        assertThat(policy.onCompletion(5)).isTrue();
    }

    @Test
    void defaultsArePerPacket() {
        assertThat(PolicyFactory.create(FirmwareConfig.DEFAULTS)).isInstanceOf(PerPacketPolicy.class);
        assertThat(FirmwareConfig.DEFAULTS.pollIntervalNanos()).isZero();
    }

    @Test
    void coalesceGetsTheConfiguredFramesAndMicroseconds() {
        NotificationPolicy policy = PolicyFactory.create(new FirmwareConfig("coalesce", 7, 3, 0));

        assertThat(policy).isInstanceOf(CoalescePolicy.class);
        assertThat(policy.onCompletion(1_000)).isFalse();
        assertThat(policy.nextTimerNanos()).as("rxUsecs in microseconds: 7 us after the first completion")
                .isEqualTo(8_000);
        assertThat(policy.onCompletion(2_000)).isFalse();
        assertThat(policy.onCompletion(3_000)).as("the 3rd frame").isTrue();
    }

    @Test
    void eachCallCreatesAFreshInstance() {
        FirmwareConfig config = new FirmwareConfig("coalesce", 50, 64, 0);
        NotificationPolicy first = PolicyFactory.create(config);
        first.onCompletion(0);

        NotificationPolicy second = PolicyFactory.create(config);

        assertThat(second).isNotSameAs(first);
        assertThat(second.pendingCompletions()).as("no state shared between RX queues").isZero();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Coalesce", "per_packet", "adaptive"})
    void unknownPolicyNamesTheKeyAndTheChoices(String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PolicyFactory.create(new FirmwareConfig(name, 50, 64, 0)))
                .withMessageContaining("firmware.policy")
                .withMessageContaining("per-packet")
                .withMessageContaining("coalesce")
                .withMessageContaining("'" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"per-packet", "coalesce"})
    void negativePollIntervalNamesTheKey(String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PolicyFactory.create(new FirmwareConfig(name, 50, 64, -1)))
                .withMessageContaining("firmware.pollIntervalNanos")
                .withMessageContaining("-1");
    }

    @Test
    void coalesceParametersTheConstructorRejectsAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PolicyFactory.create(new FirmwareConfig("coalesce", 0, 0, 0)))
                .withMessageContaining("rxUsecs");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PolicyFactory.create(new FirmwareConfig("coalesce", -5, 8, 0)))
                .withMessageContaining("-5");
    }
}
