package io.nicsim.bench.run;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DescriptorWriter;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.record.DescriptorRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sparse move: a file's holes stay holes (du's allocated bytes far below its length) and its bytes read back
 * the same; a Chronicle journal staged in /dev/shm and moved into a folder on another filesystem reads back the same
 * records as before the move.
 */
class SparseFilesTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aCopyKeepsTheLengthTheBytesAndTheHoles() throws Exception {
        Path source = dir.resolve("source");
        try (RandomAccessFile file = new RandomAccessFile(source.toFile(), "rw")) {
            file.seek(3);
            file.write(new byte[] {1, 2, 3});
            file.seek(10 * MIB + 4095);
            file.write(new byte[] {4, 5}); // across a block boundary
            file.setLength(80 * MIB); // a trailing hole, as Chronicle's chunk overlap
        }
        Path target = dir.resolve("target");
        Files.write(target, new byte[] {9}); // replaced

        SparseFiles.copy(source, target);

        assertThat(Files.size(target)).isEqualTo(80 * MIB);
        assertThat(Files.mismatch(source, target)).isEqualTo(-1);
        assertThat(allocatedBytes(target)).as("three data blocks, the rest holes").isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void aJournalStagedInDevShmAndMovedReadsBackTheSameRecordsAndStaysSparse() throws Exception {
        QueueStaging staging = QueueStaging.of(QueueStaging.AUTO, dir.resolve("run/queues"));
        assertThat(staging.staged()).as("/dev/shm is the staging folder").isTrue();
        try (DeviceQueues queues = DeviceQueues.open(staging.liveDir());
             DescriptorWriter writer = queues.newDescriptorWriter(new ManualNanoClock(7))) {
            for (int i = 0; i < 20_000; i++) {
                writer.write(0, i, i % 13, 64 + i % 1400, i % 4, 10L * i, 10L * i + 1, 10L * i + 2, 10L * i + 3);
            }
        }
        List<String> before = descriptors(staging.liveDir());

        staging.finish();

        assertThat(staging.liveDir()).doesNotExist();
        assertThat(descriptors(staging.finalDir())).hasSize(20_000).isEqualTo(before);
        assertThat(allocatedBytes(staging.finalDir())).as("pages written, not the chunks' length")
                .isLessThan(apparentBytes(staging.finalDir()) / 10);
    }

    private static List<String> descriptors(Path queueDir) {
        List<String> read = new ArrayList<>();
        try (DeviceQueues queues = DeviceQueues.open(queueDir);
             DescriptorReader reader = queues.newDescriptorReader()) {
            for (DescriptorRecord d = reader.poll(); d != null; d = reader.poll()) {
                read.add(d.packetId + " " + d.flow + " " + d.frameBytes + " " + d.trafficClass + " " + d.intendedNanos
                        + " " + d.injectedNanos + " " + d.detectedNanos + " " + d.writtenNanos + " " + d.appendedNanos);
            }
        }
        return read;
    }

    private static long allocatedBytes(Path path) throws Exception {
        return du(path, "-sB1");
    }

    private static long apparentBytes(Path path) throws Exception {
        return du(path, "-sB1", "--apparent-size");
    }

    private static long du(Path path, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("du"));
        command.addAll(List.of(options));
        command.add(path.toString());
        Process du = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(du.getInputStream().readAllBytes());
        assertThat(du.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Long.parseLong(output.split("\\s+")[0]);
    }
}
