package io.nicsim.host;

import io.nicsim.host.consumer.ConsumerContext;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Consumer names: the four of the default study, the shapes with many threads, and a clear error for any other. */
class ConsumersTest {

    @Test
    void namesTheFourConsumersInStudyOrder() {
        assertThat(Consumers.BASE).containsExactly("busy-poll", "platform-thread", "virtual-thread", "event-loop");
    }

    @Test
    void theShapesWithManyThreadsAreKebabCaseAndRecordFromManyThreads() {
        assertThat(Consumers.DISPATCHING).containsExactly("platform-thread-per-flow", "platform-pool",
                "virtual-thread-per-flow", "virtual-thread-per-packet", "event-loops", "virtual-thread-verticles");
        assertThat(Consumers.NAMES).hasSize(12).doesNotHaveDuplicates()
                .allMatch(name -> name.matches("[a-z]+(-[a-z]+)*"));
        assertThat(Consumers.DISPATCHING).allMatch(Consumers::recordsFromManyThreads);
        assertThat(Consumers.BASE).noneMatch(Consumers::recordsFromManyThreads);
    }

    @Test
    void theKernelWaitersAreOptionalOnesThatDrainTheirRingThemselvesAndParkInTheHandler() {
        assertThat(Consumers.KERNEL).containsExactly("epoll-thread", "epoll-virtual-thread");
        assertThat(Consumers.BASE).doesNotContainAnyElementsOf(Consumers.KERNEL);
        assertThat(Consumers.DRAINING).containsAll(Consumers.BASE).containsAll(Consumers.KERNEL);
        assertThat(Consumers.KERNEL).noneMatch(Consumers::recordsFromManyThreads);
        for (String name : Consumers.KERNEL) {
            assertThat(Consumers.handlerSetting(name, io.nicsim.host.consumer.ShapeConfig.DEFAULTS, 2).mode())
                    .isEqualTo(io.nicsim.host.handler.CallMode.PARK);
        }
    }

    @Test
    void rejectsAnUnknownNameNamingTheKey() {
        assertThatThrownBy(() -> Consumers.create("green-thread", (ConsumerContext) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host.consumer")
                .hasMessageContaining("green-thread");
    }
}
