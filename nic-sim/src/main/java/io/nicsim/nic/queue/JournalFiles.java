package io.nicsim.nic.queue;

import io.nicsim.nic.record.RecordFormat;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Checks a folder of nicsim's Chronicle queues before anything maps them. Chronicle maps its files into memory and
 * trusts them: reading past the end of a truncated file faults ({@code InternalError}, SIGBUS), and a file of other
 * bytes fails deep inside with a message about magic numbers or locks. So each queue file's size and header are
 * read with plain file I/O first, and each queue's first record is checked for this build's record format version
 * ({@link RecordFormat#VERSION}); any problem is one sentence naming the file.
 */
public final class JournalFiles {

    /** Chronicle's block (mapped chunk) for nicsim's queues: a cycle file grows by whole blocks. */
    static final long BLOCK_BYTES = 64L << 20;
    /** Each cycle file ends with a quarter block of overlap: its size is {@code n * block + block / 4}, n >= 1. */
    static final long OVERLAP_BYTES = BLOCK_BYTES / 4;
    /** The size Chronicle gives a queue's metadata file (measured; it never shrinks). */
    static final long METADATA_BYTES = 128L << 10;
    /** The queues whose records open with nicsim's record header (host-stamps do not). */
    private static final List<String> RECORD_QUEUES = List.of(DeviceQueues.DESCRIPTORS, DeviceQueues.INTERRUPTS,
            DeviceQueues.DOORBELLS, DeviceQueues.DOORBELLS_EXECUTED, DeviceStatusQueue.NAME);
    private static final String CYCLE_SUFFIX = ".cq4";
    private static final String METADATA_FILE = "metadata.cq4t";
    /** A Chronicle metadata header's size word: the META_DATA bit set, NOT_COMPLETE clear. */
    private static final int META_DATA = 0x4000_0000;
    private static final int NOT_COMPLETE = 0x8000_0000;

    private JournalFiles() {
    }

    /**
     * @param dir a device's queue folder (descriptors, interrupts, doorbells, ...), or any folder above such ones
     * @return null if every queue file under {@code dir} is whole and of this build's record format, else "FILE:
     *         what is wrong"
     */
    public static String problem(Path dir) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return dir + ": cannot list it: " + e.getMessage();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String problem = name.endsWith(CYCLE_SUFFIX) ? cycleFileProblem(file)
                    : name.equals(METADATA_FILE) ? metadataProblem(file) : null;
            if (problem != null) {
                return file + ": " + problem;
            }
        }
        for (Path file : files) {
            Path queue = file.getParent();
            if (file.getFileName().toString().equals(METADATA_FILE) && isRecordQueue(queue)) {
                String problem = firstRecordProblem(queue);
                if (problem != null) {
                    return queue + ": " + problem;
                }
            }
        }
        return null;
    }

    private static boolean isRecordQueue(Path queue) {
        String name = queue.getFileName().toString();
        return RECORD_QUEUES.contains(name) || name.matches(DeviceQueues.DESCRIPTORS + "-[0-9]+");
    }

    /** @return what is wrong with a queue's cycle file (a day of records), or null */
    static String cycleFileProblem(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return "cannot read it: " + e.getMessage();
        }
        if (size < BLOCK_BYTES + OVERLAP_BYTES || (size - OVERLAP_BYTES) % BLOCK_BYTES != 0) {
            return String.format(Locale.ROOT, "truncated or not a Chronicle queue file: %,d bytes, where Chronicle"
                    + " writes whole blocks (%d MiB each, plus %d MiB)", size, BLOCK_BYTES >> 20, OVERLAP_BYTES >> 20);
        }
        return headerProblem(file, "SCQStore", "queue");
    }

    /** @return what is wrong with a queue's metadata file (its roll cycle, readers' positions), or null */
    static String metadataProblem(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return "cannot read it: " + e.getMessage();
        }
        if (size < METADATA_BYTES) {
            return String.format(Locale.ROOT, "truncated: %,d bytes, a Chronicle metadata file has %,d", size,
                    METADATA_BYTES);
        }
        return headerProblem(file, "STStore", "metadata");
    }

    /**
     * Chronicle's files open with a metadata document whose first field is {@code header}, typed by the store's
     * class: the size word, then {@code 0xB9 6 "header" 0xB6 len TYPE} in binary wire.
     */
    private static String headerProblem(Path file, String type, String what) {
        byte[] head = new byte[4 + 2 + 6 + 2 + type.length()];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return "too short for a Chronicle header";
            }
        } catch (IOException e) {
            return "cannot read it: " + e.getMessage();
        }
        int sizeWord = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        String text = new String(head, 4, head.length - 4, StandardCharsets.ISO_8859_1);
        String expected = "\u00B9\u0006header\u00B6" + (char) type.length() + type;
        if ((sizeWord & META_DATA) == 0 || (sizeWord & NOT_COMPLETE) != 0 || !text.equals(expected)) {
            return "not a Chronicle " + what + " file (its header is not a " + type + " header)";
        }
        return null;
    }

    /**
     * Reads a queue's first record, if any, with Chronicle (the files were checked whole first).
     *
     * @return "records of format version 2; this nicsim reads version 3", or null
     */
    static String firstRecordProblem(Path queue) {
        try (ChronicleQueue chronicle = ChronicleQueues.openReadOnly(queue);
             ExcerptTailer tailer = chronicle.createTailer();
             DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            Bytes<?> bytes = dc.wire().bytes();
            if (bytes.readRemaining() < RecordFormat.HEADER_BYTES) {
                return "its first record has " + bytes.readRemaining() + " bytes, shorter than nicsim's "
                        + RecordFormat.HEADER_BYTES + "-byte record header";
            }
            byte version = bytes.readByte(bytes.readPosition() + 1);
            return version == RecordFormat.VERSION ? null : "records of format version " + version
                    + "; this nicsim reads version " + RecordFormat.VERSION + " (written by another nicsim)";
        } catch (RuntimeException | InternalError e) {
            return "Chronicle cannot read it: " + e;
        }
    }
}
