package io.nicsim.nic.queue;

import io.nicsim.firmware.clock.NanoClock;
import net.openhft.chronicle.queue.ChronicleQueue;

import java.nio.file.Path;

/**
 * The shared memory between device and host, as Chronicle queues under one folder: RX descriptors (the ring
 * the device DMAs into) and interrupts (the MSI-X messages) from device to host, doorbells (register writes)
 * from host to device. Every writer and reader of nicsim opens its queues here, so the settings are the same
 * everywhere.
 *
 * <p>Appenders and tailers are bound to the thread that uses them: create each on its own thread.
 *
 * <p>Opened {@linkplain #openWithNamedReaders with named readers}, the descriptor and interrupt readers are
 * Chronicle named tailers: each read is recorded in the queue's metadata, so a reader of the same name created
 * later, in this process or another, resumes after the last record the previous one read, as a restarted host
 * process does in two-process mode. It costs one ordered write to a mapped file per record read.
 */
public final class DeviceQueues implements AutoCloseable {

    /** Sub-folder names of the two queues. */
    public static final String DESCRIPTORS = "descriptors";
    public static final String INTERRUPTS = "interrupts";
    public static final String DOORBELLS = "doorbells";
    /** The doorbells as the device executed them, each at its model time. */
    public static final String DOORBELLS_EXECUTED = "doorbells-executed";

    private final Path dir;
    private final ChronicleQueue[] descriptors;
    private final ChronicleQueue interrupts;
    private final ChronicleQueue doorbells;
    private final ChronicleQueue doorbellsExecuted;

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
        this.doorbellsExecuted = openQueue(dir.resolve(DOORBELLS_EXECUTED));
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

    /**
     * Opens (creating if needed) the queues under {@code dir}; descriptor and interrupt readers are named tailers
     * {@code <readerName>-descriptors} and {@code <readerName>-interrupts}, which resume where the last reader of
     * that name stopped.
     */
    public static DeviceQueues openWithNamedReaders(Path dir, String readerName) {
        return openWithNamedReaders(dir, 1, readerName);
    }

    /** As {@link #openWithNamedReaders(Path, String)}, for a device with {@code rxQueues} RX queues. */
    public static DeviceQueues openWithNamedReaders(Path dir, int rxQueues, String readerName) {
        DeviceQueues queues = new DeviceQueues(dir, rxQueues);
        queues.readerName = java.util.Objects.requireNonNull(readerName, "readerName");
        return queues;
    }

    /**
     * Name prefix of the descriptor and interrupt readers' named tailers, or null for anonymous tailers; set once,
     * before the queues are handed to other threads.
     */
    private String readerName;

    static ChronicleQueue openQueue(Path path) {
        return ChronicleQueues.open(path);
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
        return new DescriptorWriter(ChronicleQueues.confined(descriptors[queue].createAppender()), clock);
    }

    /**
     * A reader from the start of RX queue 0's descriptors (with named readers: from where the last reader of that
     * name stopped), for the calling thread.
     */
    public DescriptorReader newDescriptorReader() {
        return newDescriptorReader(0);
    }

    /**
     * A reader from the start of RX queue {@code queue}'s descriptors (with named readers: from where the last
     * reader of that name stopped), for the calling thread.
     */
    public DescriptorReader newDescriptorReader(int queue) {
        return new DescriptorReader(tailer(descriptors[queue], descriptorFolder(queue)));
    }

    /** A writer for the calling thread, stamping each record with when it was appended on {@code clock}. */
    public InterruptWriter newInterruptWriter(NanoClock clock) {
        return new InterruptWriter(ChronicleQueues.confined(interrupts.createAppender()), clock);
    }

    /**
     * A reader from the start of the interrupt queue (with named readers: from where the last reader of that
     * name stopped), for the calling thread.
     */
    public InterruptReader newInterruptReader() {
        return new InterruptReader(tailer(interrupts, INTERRUPTS));
    }

    private net.openhft.chronicle.queue.ExcerptTailer tailer(ChronicleQueue queue, String queueName) {
        return ChronicleQueues.confined(readerName == null ? queue.createTailer()
                : queue.createTailer(readerName + "-" + queueName));
    }

    /** @return the name prefix of named readers, or null if readers are anonymous */
    public String readerName() {
        return readerName;
    }

    ChronicleQueue descriptorQueue(int queue) {
        return descriptors[queue];
    }

    /** A writer for the calling thread. */
    public DoorbellWriter newDoorbellWriter(NanoClock clock) {
        return new DoorbellWriter(ChronicleQueues.confined(doorbells.createAppender()), clock);
    }

    /** A reader from the start of the doorbell queue, for the calling thread. */
    public DoorbellReader newDoorbellReader() {
        return new DoorbellReader(ChronicleQueues.confined(doorbells.createTailer()));
    }

    /** The device's journal of executed doorbells, for the calling thread. */
    public ExecutedDoorbellWriter newDoorbellLog() {
        return new ExecutedDoorbellWriter(ChronicleQueues.confined(doorbellsExecuted.createAppender()));
    }

    /** A reader from the start of the executed doorbells (each stamped with its model time), for the calling thread. */
    public DoorbellReader newExecutedDoorbellReader() {
        return new DoorbellReader(doorbellsExecuted.createTailer());
    }

    @Override
    public void close() {
        for (ChronicleQueue queue : descriptors) {
            queue.close();
        }
        interrupts.close();
        doorbells.close();
        doorbellsExecuted.close();
    }
}
