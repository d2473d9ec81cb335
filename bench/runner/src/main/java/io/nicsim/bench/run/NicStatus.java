package io.nicsim.bench.run;

import io.nicsim.nic.queue.DeviceStatusReader;
import io.nicsim.nic.record.DeviceStatusRecord;

/**
 * A host process's picture of the NIC process, from the device-status queue read from its start: the START,
 * TRAFFIC_END and END records once they came, and the latest record of any kind (its {@code writtenNanos} is the
 * NIC's last sign of life). One thread; records are copied, so they outlive the reader's flyweight.
 */
final class NicStatus implements AutoCloseable {

    private final DeviceStatusReader reader;
    private final DeviceStatusRecord latest = new DeviceStatusRecord();
    private DeviceStatusRecord start;
    private DeviceStatusRecord trafficEnd;
    private DeviceStatusRecord end;
    private long records;

    NicStatus(DeviceStatusReader reader) {
        this.reader = reader;
    }

    /** Reads every status record visible now. */
    void poll() {
        DeviceStatusRecord record;
        while ((record = reader.poll()) != null) {
            records++;
            latest.copyFrom(record);
            switch (record.kind) {
                case DeviceStatusRecord.START -> start = new DeviceStatusRecord().copyFrom(record);
                case DeviceStatusRecord.TRAFFIC_END -> trafficEnd = new DeviceStatusRecord().copyFrom(record);
                case DeviceStatusRecord.END -> end = new DeviceStatusRecord().copyFrom(record);
                default -> {
                }
            }
        }
    }

    /** @return the START record, or null before it came */
    DeviceStatusRecord start() {
        return start;
    }

    /** @return the TRAFFIC_END record, or null before it came */
    DeviceStatusRecord trafficEnd() {
        return trafficEnd;
    }

    /** @return the END record, or null before it came */
    DeviceStatusRecord end() {
        return end;
    }

    /** @return the latest record read; before any, one with every count 0 */
    DeviceStatusRecord latest() {
        return latest;
    }

    /** @return whether any record was read */
    boolean heard() {
        return records > 0;
    }

    /** @return status records read so far */
    long records() {
        return records;
    }

    @Override
    public void close() {
        reader.close();
    }
}
