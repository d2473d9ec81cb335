package io.nicsim.nic.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Pins {@link MacFifo}: first in, first out across wrap-around, capacity rounded up to a power of two, full detection.
 */
class MacFifoTest {

    @ParameterizedTest(name = "{0} slots -> {1}")
    @CsvSource({"1, 1", "2, 2", "3, 4", "4, 4", "5, 8", "1000, 1024", "65536, 65536", "65537, 131072"})
    void capacityRoundsUpToAPowerOfTwo(int requested, int capacity) {
        MacFifo fifo = new MacFifo(requested);

        assertThat(fifo.capacitySlots()).isEqualTo(capacity);
        for (int i = 0; i < capacity; i++) {
            assertThat(fifo.isFull()).as("after %d of %d", i, capacity).isFalse();
            fifo.push(i, 0, 0, 0, 0);
        }
        assertThat(fifo.isFull()).isTrue();
        assertThat(fifo.size()).isEqualTo(capacity);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void rejectsNonPositiveCapacity(int capacity) {
        assertThatIllegalArgumentException().isThrownBy(() -> new MacFifo(capacity))
                .withMessageContaining("capacitySlots").withMessageContaining(String.valueOf(capacity));
    }

    /** Above 2^30 the rounded size would overflow to a negative array size. */
    @Test
    void rejectsCapacitiesThatCannotBeRoundedUp() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MacFifo((1 << 30) + 1));
    }

    @Test
    void startsEmpty() {
        MacFifo fifo = new MacFifo(4);

        assertThat(fifo.isEmpty()).isTrue();
        assertThat(fifo.isFull()).isFalse();
        assertThat(fifo.size()).isZero();
    }

    @Test
    void keepsEveryColumnInOrderAcrossWrapAround() {
        MacFifo fifo = new MacFifo(4);
        long nextIn = 0;
        long nextOut = 0;
        // Push 3, pop 2, repeatedly: the ring indices wrap many times.
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 3 && !fifo.isFull(); i++) {
                fifo.push(nextIn, 1_000 + nextIn, 2_000 + nextIn, (int) (nextIn % 7), 60 + (int) nextIn);
                nextIn++;
            }
            for (int i = 0; i < 2; i++) {
                assertThat(fifo.isEmpty()).isFalse();
                assertThat(fifo.headPacketId()).isEqualTo(nextOut);
                assertThat(fifo.headIntendedNanos()).isEqualTo(1_000 + nextOut);
                assertThat(fifo.headInjectedNanos()).isEqualTo(2_000 + nextOut);
                assertThat(fifo.headFlow()).isEqualTo((int) (nextOut % 7));
                assertThat(fifo.headFrameBytes()).isEqualTo(60 + (int) nextOut);
                fifo.pop();
                nextOut++;
            }
            assertThat(fifo.size()).isEqualTo((int) (nextIn - nextOut));
        }
        assertThat(nextIn).as("the ring filled up and wrapped").isGreaterThan(50);
        while (!fifo.isEmpty()) {
            assertThat(fifo.headPacketId()).isEqualTo(nextOut++);
            fifo.pop();
        }
        assertThat(nextOut).isEqualTo(nextIn);
    }

    @Test
    void fullUntilOneIsPopped() {
        MacFifo fifo = new MacFifo(2);
        fifo.push(10, 0, 0, 0, 0);
        fifo.push(11, 0, 0, 0, 0);

        assertThat(fifo.isFull()).isTrue();
        fifo.pop();
        assertThat(fifo.isFull()).isFalse();
        assertThat(fifo.size()).isEqualTo(1);
        fifo.push(12, 0, 0, 0, 0);
        assertThat(fifo.isFull()).isTrue();
        assertThat(fifo.headPacketId()).isEqualTo(11);
    }
}
