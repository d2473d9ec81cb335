package io.nicsim.host.consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Consumer names: the four of the default study, and a clear error for any other. */
class ConsumersTest {

    @Test
    void namesTheFourConsumersInStudyOrder() {
        assertThat(Consumers.NAMES).containsExactly("busy-poll", "platform-thread", "virtual-thread", "event-loop");
    }

    @Test
    void rejectsAnUnknownNameNamingTheKey() {
        assertThatThrownBy(() -> Consumers.create("green-thread", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host.consumer")
                .hasMessageContaining("green-thread");
    }
}
