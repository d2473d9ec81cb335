package io.nicsim.host.interrupt;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The interrupt log: entries in order, drops (counted) when full, and a producer and consumer on two threads. */
class InterruptLogTest {

    @Test
    void keepsEntriesInOrderAndDropsWhenFull() {
        InterruptLog log = new InterruptLog(4);
        for (int i = 0; i < 6; i++) {
            log.offer(i * 10, i * 10 + 9, 100 + i, 200 + i);
        }
        assertThat(log.dropped()).isEqualTo(2);
        for (int i = 0; i < 4; i++) {
            assertThat(log.hasEntry()).isTrue();
            assertThat(log.headFirstPacketId()).isEqualTo(i * 10);
            assertThat(log.headLastPacketId()).isEqualTo(i * 10 + 9);
            assertThat(log.headRaisedNanos()).isEqualTo(100 + i);
            assertThat(log.headDeliveredNanos()).isEqualTo(200 + i);
            log.advance();
        }
        assertThat(log.hasEntry()).isFalse();
        log.offer(99, 99, 1, 2);
        assertThat(log.hasEntry()).as("room again after the consumer advanced").isTrue();
    }

    @Test
    void rejectsACapacityThatIsNotAPowerOfTwo() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InterruptLog(6));
    }

    @Test
    void handsEveryEntryAcrossThreadsIntactAndInOrder() throws Exception {
        InterruptLog log = new InterruptLog(64);
        int entries = 200_000;
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < entries; i++) {
                long before = log.dropped();
                log.offer(i, i, i * 3L, i * 5L);
                while (log.dropped() != before) { // full: retry until the consumer makes room
                    before = log.dropped();
                    Thread.onSpinWait();
                    log.offer(i, i, i * 3L, i * 5L);
                }
            }
        });
        long expected = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (expected < entries && System.nanoTime() < deadline) {
            if (!log.hasEntry()) {
                Thread.onSpinWait();
                continue;
            }
            assertThat(log.headFirstPacketId()).isEqualTo(expected);
            assertThat(log.headRaisedNanos()).isEqualTo(expected * 3);
            assertThat(log.headDeliveredNanos()).isEqualTo(expected * 5);
            log.advance();
            expected++;
        }
        producer.join();
        assertThat(expected).isEqualTo(entries);
    }
}
