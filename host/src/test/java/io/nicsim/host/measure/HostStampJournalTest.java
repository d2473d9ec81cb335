package io.nicsim.host.measure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The host-stamp journal: written on one thread (as a consumer does), closed and read back on another. */
class HostStampJournalTest {

    @Test
    void roundTripsFromAnotherThread(@TempDir Path dir) throws Exception {
        HostStampJournal journal = HostStampJournal.open(dir, 3);
        Thread consumer = Thread.ofPlatform().start(() -> {
            for (long id = 0; id < 1_000; id++) {
                boolean polled = id % 3 == 0;
                long woken = 1_000 + id * 10;
                journal.stamp(id, woken, woken + 5, polled ? woken : woken - 7, polled ? woken : woken - 2);
            }
        });
        consumer.join();
        journal.close();

        try (HostStampJournal.Reader reader = HostStampJournal.reader(dir)) {
            assertThat(reader).isNotNull();
            long expected = 0;
            HostStampRecord record;
            while ((record = reader.poll()) != null) {
                assertThat(record.queue).isEqualTo(3);
                assertThat(record.packetId).isEqualTo(expected);
                assertThat(record.wokenNanos).isEqualTo(1_000 + expected * 10);
                assertThat(record.handledNanos).isEqualTo(record.wokenNanos + 5);
                assertThat(record.notified()).isEqualTo(expected % 3 != 0);
                expected++;
            }
            assertThat(expected).isEqualTo(1_000);
        }
    }

    @Test
    void noJournalNoReader(@TempDir Path dir) {
        assertThat(HostStampJournal.reader(dir)).isNull();
    }
}
