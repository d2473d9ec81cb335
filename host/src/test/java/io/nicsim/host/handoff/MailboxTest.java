package io.nicsim.host.handoff;

import io.nicsim.host.measure.Packet;
import io.nicsim.nic.record.DescriptorRecord;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The application buffer: FIFO, bounded, refuses when full, copies every stamp, allocates nothing. */
class MailboxTest {

    private static DescriptorRecord descriptor(long id) {
        DescriptorRecord d = new DescriptorRecord();
        d.packetId = id;
        d.flow = (int) id % 3;
        d.trafficClass = (int) (id & 1);
        d.intendedNanos = id * 10;
        d.injectedNanos = id * 10 + 1;
        d.detectedNanos = id * 10 + 2;
        d.writtenNanos = id * 10 + 3;
        d.writtenBackNanos = id * 10 + 4;
        return d;
    }

    @Test
    void roundsItsCapacityUpToAPowerOfTwo() {
        assertThat(new Mailbox(1).capacity()).isEqualTo(1);
        assertThat(new Mailbox(2).capacity()).isEqualTo(2);
        assertThat(new Mailbox(1000).capacity()).isEqualTo(1024);
        assertThat(new Mailbox(1024).capacity()).isEqualTo(1024);
        assertThat(new Mailbox(1025).capacity()).isEqualTo(2048);
    }

    @Test
    void handsPacketsOverInOrderAndRefusesWhenFull() {
        Mailbox mailbox = new Mailbox(4);
        assertThat(mailbox.peek()).isNull();
        for (long id = 0; id < 4; id++) {
            assertThat(mailbox.offer(descriptor(id), 100 + id, 200 + id, 300 + id)).isTrue();
        }
        assertThat(mailbox.offer(descriptor(4), 0, 0, 0)).as("full").isFalse();
        Packet first = mailbox.peek();
        assertThat(first.packetId).isZero();
        assertThat(mailbox.peek()).as("peek leaves it in place").isSameAs(first);
        mailbox.advance();
        assertThat(mailbox.offer(descriptor(5), 105, 205, 305)).as("a slot was freed").isTrue();
        long[] expected = {1, 2, 3, 5};
        for (long id : expected) {
            Packet p = mailbox.peek();
            assertThat(p.packetId).isEqualTo(id);
            assertThat(p.flow).isEqualTo((int) id % 3);
            assertThat(p.trafficClass).isEqualTo((int) (id & 1));
            assertThat(p.intendedNanos).isEqualTo(id * 10);
            assertThat(p.writtenNanos).isEqualTo(id * 10 + 3);
            assertThat(p.writtenBackNanos).isEqualTo(id * 10 + 4);
            assertThat(p.raisedNanos).isEqualTo(100 + id);
            assertThat(p.deliveredNanos).isEqualTo(200 + id);
            assertThat(p.dispatchedNanos).isEqualTo(300 + id);
            mailbox.advance();
        }
        assertThat(mailbox.isEmpty()).isTrue();
    }

    @Test
    void aPacketHandedOverAfterTheWakeUpIsStampedWhenRead() {
        Packet p = new Packet();
        p.dispatchedNanos = 1_000;
        assertThat(p.wokenAt(1_000, 1_500)).as("there when the thread woke").isEqualTo(1_000);
        assertThat(p.wokenAt(999, 1_500)).as("arrived while it ran").isEqualTo(1_500);
    }

    @Test
    void offeringAndTakingAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Mailbox mailbox = new Mailbox(64);
        DescriptorRecord d = descriptor(7);
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 30 && allocated >= 256; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                mailbox.offer(d, i, i, i);
                mailbox.peek();
                mailbox.advance();
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertThat(allocated).isLessThan(256);
    }
}
