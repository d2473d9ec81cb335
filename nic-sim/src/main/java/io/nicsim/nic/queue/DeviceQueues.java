package io.nicsim.nic.queue;

import io.nicsim.firmware.clock.NanoClock;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;

import java.nio.file.Path;

/**
 * The shared memory between device and host, as Chronicle queues under one folder: RX descriptors (the ring
 * the device DMAs into) and interrupts (the MSI-X messages) from device to host, doorbells (register writes)
 * from host to device. Every writer and reader of nicsim opens its queues here, so the settings are the same
 * everywhere.
 *
 * <p>Appenders and tailers are bound to the thread that uses them: create each on its own thread.
 */
public final class DeviceQueues implements AutoCloseable {

    /** Sub-folder names of the two queues. */
    public static final String DESCRIPTORS = "descriptors";
    public static final String INTERRUPTS = "interrupts";
    public static final String DOORBELLS = "doorbells";

    private final Path dir;
    private final ChronicleQueue descriptors;
    private final ChronicleQueue interrupts;
    private final ChronicleQueue doorbells;

    private DeviceQueues(Path dir) {
        this.dir = dir;
        this.descriptors = openQueue(dir.resolve(DESCRIPTORS));
        this.interrupts = openQueue(dir.resolve(INTERRUPTS));
        this.doorbells = openQueue(dir.resolve(DOORBELLS));
    }

    /** Opens (creating if needed) the queues under {@code dir}. */
    public static DeviceQueues open(Path dir) {
        return new DeviceQueues(dir);
    }

    private static ChronicleQueue openQueue(Path path) {
        return SingleChronicleQueueBuilder.binary(path)
                .rollCycle(LargeRollCycles.LARGE_DAILY)
                .build();
    }

    public Path dir() {
        return dir;
    }

    /** A writer for the calling thread. */
    public DescriptorWriter newDescriptorWriter(NanoClock clock) {
        return new DescriptorWriter(descriptors.createAppender(), clock);
    }

    /** A reader from the start of the descriptor queue, for the calling thread. */
    public DescriptorReader newDescriptorReader() {
        return new DescriptorReader(descriptors.createTailer());
    }

    /** A writer for the calling thread. */
    public InterruptWriter newInterruptWriter() {
        return new InterruptWriter(interrupts.createAppender());
    }

    /** A reader from the start of the interrupt queue, for the calling thread. */
    public InterruptReader newInterruptReader() {
        return new InterruptReader(interrupts.createTailer());
    }

    /** A writer for the calling thread. */
    public DoorbellWriter newDoorbellWriter(NanoClock clock) {
        return new DoorbellWriter(doorbells.createAppender(), clock);
    }

    /** A reader from the start of the doorbell queue, for the calling thread. */
    public DoorbellReader newDoorbellReader() {
        return new DoorbellReader(doorbells.createTailer());
    }

    @Override
    public void close() {
        descriptors.close();
        interrupts.close();
        doorbells.close();
    }
}
