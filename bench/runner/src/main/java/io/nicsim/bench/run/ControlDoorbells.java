package io.nicsim.bench.run;

import io.nicsim.nic.queue.DoorbellReader;
import io.nicsim.nic.record.DoorbellRecord;

/**
 * The control doorbells of two-process mode, read from the doorbell queue beside the firmware's own reader: a host
 * rings {@link DoorbellRecord#ATTACH} when it attaches and {@link DoorbellRecord#DONE} when it drained the ring and
 * stopped. Register writes (re-arm, disarm) are skipped: they are the firmware's. One thread.
 */
final class ControlDoorbells implements AutoCloseable {

    private final DoorbellReader reader;
    private long attaches;
    private long done;

    ControlDoorbells(DoorbellReader reader) {
        this.reader = reader;
    }

    /** Reads every doorbell visible now. */
    void poll() {
        DoorbellRecord doorbell;
        while ((doorbell = reader.poll()) != null) {
            if (doorbell.kind == DoorbellRecord.ATTACH) {
                attaches++;
            } else if (doorbell.kind == DoorbellRecord.DONE) {
                done++;
            }
        }
    }

    /** @return ATTACH doorbells read so far */
    long attaches() {
        return attaches;
    }

    /** @return DONE doorbells read so far */
    long done() {
        return done;
    }

    @Override
    public void close() {
        reader.close();
    }
}
