package io.nicsim.nic.queue;

import io.nicsim.firmware.clock.NanoClock;
import net.openhft.chronicle.queue.ChronicleQueue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The device-status channel from a NIC process to a host process ({@code nicsim nic}, {@code nicsim host}): one
 * Chronicle queue, {@value #NAME}, beside the device's other queues (same settings as {@link DeviceQueues}), holding
 * {@link io.nicsim.nic.record.DeviceStatusRecord}s. One-process runs do not open it.
 *
 * <p>Writers and readers are bound to the thread that creates them, like the device's.
 */
public final class DeviceStatusQueue implements AutoCloseable {

    /** Sub-folder name of the queue, beside {@link DeviceQueues#DESCRIPTORS} and the others. */
    public static final String NAME = "device-status";

    private final ChronicleQueue queue;

    private DeviceStatusQueue(Path queueDir) {
        this.queue = DeviceQueues.openQueue(queueDir.resolve(NAME));
    }

    /** Opens (creating if needed) the queue under {@code queueDir}, the folder of the device's queues. */
    public static DeviceStatusQueue open(Path queueDir) {
        return new DeviceStatusQueue(queueDir);
    }

    /** @return whether {@code queueDir} already holds a device-status queue (without creating anything) */
    public static boolean exists(Path queueDir) {
        return Files.isDirectory(queueDir.resolve(NAME));
    }

    /** A writer for the calling thread; it stamps and numbers each record. */
    public DeviceStatusWriter newWriter(NanoClock clock) {
        return new DeviceStatusWriter(queue.createAppender(), clock);
    }

    /** A reader from the start of the queue, for the calling thread. */
    public DeviceStatusReader newReader() {
        return new DeviceStatusReader(queue.createTailer());
    }

    @Override
    public void close() {
        queue.close();
    }
}
