package io.nicsim.nic.queue;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.nic.record.RecordFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins that what Chronicle writes passes the checks made before anything maps a queue, and that a cut-short file,
 * a file of other bytes and a queue of another record version are each named, without Chronicle touching them.
 */
class JournalFilesTest {

    @TempDir
    Path dir;

    private void writeDescriptors(int count) {
        try (DeviceQueues queues = DeviceQueues.open(dir);
             DescriptorWriter writer = queues.newDescriptorWriter(new ManualNanoClock(1))) {
            for (long id = 0; id < count; id++) {
                writer.write(0, id, 0, 64, 0, 0, 0, 0, 0);
            }
        }
    }

    private Path cycleFile() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(DeviceQueues.DESCRIPTORS))) {
            return files.filter(file -> file.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    @Test
    void queuesAsChronicleWritesThemPass() {
        writeDescriptors(1_000);
        assertThat(JournalFiles.problem(dir)).isNull();
    }

    @Test
    void aCutShortCycleFileIsNamedWithItsSize() throws IOException {
        writeDescriptors(10);
        Path file = cycleFile();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(JournalFiles.BLOCK_BYTES); // one block, the overlap cut off
        }
        assertThat(JournalFiles.problem(dir)).isEqualTo(file + ": truncated or not a Chronicle queue file:"
                + " 67,108,864 bytes, where Chronicle writes whole blocks (64 MiB each, plus 16 MiB)");
    }

    @Test
    void otherBytesAreNotAQueue() throws IOException {
        writeDescriptors(10);
        Path metadata = dir.resolve(DeviceQueues.INTERRUPTS).resolve("metadata.cq4t");
        try (RandomAccessFile raf = new RandomAccessFile(metadata.toFile(), "rw")) {
            raf.write("{\"not\": \"chronicle\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertThat(JournalFiles.problem(dir)).isEqualTo(metadata + ": not a Chronicle metadata file (its header is"
                + " not a STStore header)");
    }

    @Test
    void aQueueOfAnotherRecordVersionIsNamed() throws IOException {
        writeDescriptors(3);
        Path file = cycleFile();
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, new byte[] {RecordFormat.TYPE_DESCRIPTOR, RecordFormat.VERSION, 0, 0});
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at + 1);
            raf.writeByte(RecordFormat.VERSION - 1);
        }
        assertThat(JournalFiles.problem(dir)).isEqualTo(dir.resolve(DeviceQueues.DESCRIPTORS) + ": records of format"
                + " version " + (RecordFormat.VERSION - 1) + "; this nicsim reads version " + RecordFormat.VERSION
                + " (written by another nicsim)");
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i <= bytes.length - pattern.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (bytes[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no record header in the file");
    }
}
