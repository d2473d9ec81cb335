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
    private final ChronicleQueue[] descriptors;
    private final ChronicleQueue interrupts;
    private final ChronicleQueue doorbells;

    private DeviceQueues(Path dir, int rxQueues) {
        if (rxQueues < 1) {
            throw new IllegalArgumentException("nic.queues must be >= 1, got " + rxQueues);
        }
        this.dir = dir;
        this.descriptors = new ChronicleQueue[rxQueues];
        for (int q = 0; q < rxQueues; q++) {
            descriptors[q] = openQueue(dir.resolve(descriptorFolder(q)));
        }
        this.interrupts = openQueue(dir.resolve(INTERRUPTS));
        this.doorbells = openQueue(dir.resolve(DOORBELLS));
    }

    /** Opens (creating if needed) the queues of a one-queue device under {@code dir}. */
    public static DeviceQueues open(Path dir) {
        return new DeviceQueues(dir, 1);
    }

    /**
     * Opens (creating if needed) the queues of a device with {@code rxQueues} RX queues under {@code dir}: a
     * descriptor ring each ({@value #DESCRIPTORS}, {@code descriptors-1}, ...), one interrupt queue (the vector is
     * the record's queue) and one doorbell queue.
     */
    public static DeviceQueues open(Path dir, int rxQueues) {
        return new DeviceQueues(dir, rxQueues);
    }

    /** @return the folder of RX queue {@code queue}'s descriptors, relative to the device's folder */
    public static String descriptorFolder(int queue) {
        return queue == 0 ? DESCRIPTORS : DESCRIPTORS + "-" + queue;
    }

    /** @return how many RX queues' descriptor folders {@code dir} holds (1 for a folder written before multi-queue) */
    public static int rxQueuesIn(Path dir) {
        int queues = 1;
        while (java.nio.file.Files.isDirectory(dir.resolve(descriptorFolder(queues)))) {
            queues++;
        }
        return queues;
    }

    /** @return the number of RX queues */
    public int rxQueues() {
        return descriptors.length;
    }

    private static ChronicleQueue openQueue(Path path) {
        return SingleChronicleQueueBuilder.binary(path)
                .rollCycle(LargeRollCycles.LARGE_DAILY)
                .build();
    }

    public Path dir() {
        return dir;
    }

    /** A writer of RX queue 0's descriptors for the calling thread. */
    public DescriptorWriter newDescriptorWriter(NanoClock clock) {
        return newDescriptorWriter(clock, 0);
    }

    /** A writer of RX queue {@code queue}'s descriptors for the calling thread. */
    public DescriptorWriter newDescriptorWriter(NanoClock clock, int queue) {
        return new DescriptorWriter(descriptors[queue].createAppender(), clock);
    }

    /** A reader from the start of RX queue 0's descriptors, for the calling thread. */
    public DescriptorReader newDescriptorReader() {
        return newDescriptorReader(0);
    }

    /** A reader from the start of RX queue {@code queue}'s descriptors, for the calling thread. */
    public DescriptorReader newDescriptorReader(int queue) {
        return new DescriptorReader(descriptors[queue].createTailer());
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
        for (ChronicleQueue queue : descriptors) {
            queue.close();
        }
        interrupts.close();
        doorbells.close();
    }
}
