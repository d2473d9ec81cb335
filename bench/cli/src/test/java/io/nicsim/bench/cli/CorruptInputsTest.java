package io.nicsim.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.nic.queue.ChronicleQueues;
import io.nicsim.nic.record.RecordFormat;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Corrupt inputs to {@code inspect}, {@code report}, {@code host --dir} and {@code nic --dir} (a truncated or random
 * .cq4, a garbage metadata.cq4t, a queue of another record format version, a summary.json edited by hand) give one
 * line naming the file and what is wrong, exit 2, no stack trace and no crash (Chronicle maps its files: a truncated
 * one would fault). The files are made from one real small run's output.
 */
@Tag("run")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CorruptInputsTest {

    private static final String TWO_PROCESS = "../scenarios/two-process.yaml";
    private static final String RUN = "0-busy-poll";

    @TempDir
    static Path shared;
    private static Path original;

    @TempDir
    Path parent;

    private record Outcome(int code, String out, String err) {
    }

    @BeforeAll
    static void oneSmallRun() {
        original = shared.resolve("run");
        Outcome outcome = execute("run", "--out", original.toString(), "--set", "host.consumer=busy-poll",
                "--duration", "20ms", "--set", "run.warmup=0", "--set", "run.rounds=1", "--set", "run.jitWarmup=0",
                "--set", "run.memoryProbeWaiters=0", "--quiet");
        assertThat(outcome.code()).as("the run the corrupt copies come from; stderr: %s", outcome.err()).isZero();
    }

    private static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** @return a copy of the run folder, changed by {@code corrupt} */
    private Path copy(Consumer<Path> corrupt) throws IOException {
        Path copy = parent.resolve("copy");
        RunFolder.deleteTree(copy);
        try (Stream<Path> paths = Files.walk(original)) {
            for (Path path : paths.toList()) {
                Path target = copy.resolve(original.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        corrupt.accept(copy);
        return copy;
    }

    private static Path queues(Path run) {
        return run.resolve("queues").resolve(RUN);
    }

    private static Path cycleFile(Path queue) {
        try (Stream<Path> files = Files.list(queue)) {
            return files.filter(file -> file.toString().endsWith(".cq4")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertOneLine(Outcome outcome, String... says) {
        assertThat(outcome.code()).as("exit code; stderr: %s", outcome.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(outcome.err().lines().toList()).as("stderr").singleElement().asString().startsWith("error: ")
                .contains(says);
    }

    private static void truncate(Path file, long bytes) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Random bytes over the first 64 KiB, the size kept: a file of the right length that is no queue. */
    private static void scramble(Path file) {
        byte[] noise = new byte[64 * 1024];
        new SplittableRandom(17).nextBytes(noise);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(noise);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Replaces a queue by one holding a descriptor of format version 4 (64 bytes, before write-back stamps). */
    private static void olderVersion(Path queue) {
        try {
            RunFolder.deleteTree(queue);
            try (ChronicleQueue chronicle = ChronicleQueues.open(queue);
                 ExcerptAppender appender = chronicle.createAppender();
                 DocumentContext dc = appender.writingDocument()) {
                dc.wire().bytes().writeByte(RecordFormat.TYPE_DESCRIPTOR).writeByte((byte) 4).writeShort((short) 0)
                        .write(new byte[64 - RecordFormat.HEADER_BYTES]);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void inspectNamesACorruptQueueFileInOneLine() throws IOException {
        Path run = copy(copy -> truncate(cycleFile(queues(copy).resolve("descriptors")), 1_000));
        assertOneLine(execute("inspect", run.toString()), cycleFile(queues(run).resolve("descriptors")).toString(),
                "truncated or not a Chronicle queue file: 1,000 bytes");

        run = copy(copy -> truncate(cycleFile(queues(copy).resolve("interrupts")), 0));
        assertOneLine(execute("inspect", run.toString()), "interrupts", "truncated", ": 0 bytes");

        run = copy(copy -> scramble(cycleFile(queues(copy).resolve("descriptors"))));
        assertOneLine(execute("inspect", queues(run).toString()), "descriptors",
                "not a Chronicle queue file (its header is not a SCQStore header)");

        run = copy(copy -> scramble(queues(copy).resolve("interrupts").resolve("metadata.cq4t")));
        assertOneLine(execute("inspect", run.toString()), "interrupts/metadata.cq4t", "not a Chronicle metadata file");

        run = copy(copy -> truncate(queues(copy).resolve("doorbells").resolve("metadata.cq4t"), 100));
        assertOneLine(execute("inspect", run.toString()), "doorbells/metadata.cq4t", "truncated: 100 bytes");

        run = copy(copy -> olderVersion(queues(copy).resolve("descriptors")));
        assertOneLine(execute("inspect", run.toString()), queues(run).resolve("descriptors").toString(),
                "records of format version 4; this nicsim reads version 5");
    }

    @Test
    void reportNamesTheKeyOfASummaryEditedByHand() throws IOException {
        Path run = copy(copy -> write(copy.resolve("summary.json"), "{\"scenario\": \"x\",\n  \"runs\": [\n"));
        assertOneLine(execute("report", run.toString()), run.resolve("summary.json") + ":3:1: not valid JSON");

        run = copy(copy -> edit(copy, summary -> packets(summary).put("generated", "many")));
        assertOneLine(execute("report", run.toString()),
                "summary.json: runs[0].packets.generated: expected an integer, found 'many'");

        run = copy(copy -> edit(copy, summary -> ((ObjectNode) summary.get("runs").get(0)).remove("packets")));
        assertOneLine(execute("report", run.toString()), "summary.json: runs[0].packets: missing");

        run = copy(copy -> edit(copy, summary -> packets(summary).put("dropped", -3)));
        assertOneLine(execute("report", run.toString()), "summary.json: runs[0].packets.dropped: -3 is below 0");

        run = copy(copy -> edit(copy, summary -> packets(summary).put("delivered", 1)));
        assertOneLine(execute("report", run.toString()), "summary.json: runs[0].packets.generated:",
                "every packet is delivered or dropped");

        run = copy(copy -> edit(copy, summary -> packets(summary).put("generated", 1e30)));
        assertOneLine(execute("report", run.toString()), "summary.json: runs[0].packets.generated: out of range:"
                + " Numeric value (1.0E30) out of range of long");
    }

    @Test
    void reportInAReadOnlyFolderNamesTheReason() throws Exception {
        Path readOnly = Files.createDirectory(parent.resolve("ro"));
        assumeTrue(mount(readOnly, "size=64k"), "needs root to mount a tmpfs (CI runs as root)");
        try {
            Files.copy(original.resolve("summary.json"), readOnly.resolve("summary.json"));
            assumeTrue(remountReadOnly(readOnly), "could not remount the tmpfs read-only");
            assertOneLine(execute("report", readOnly.toString()), readOnly + ": cannot write the report there:"
                    + " cannot write in it: read-only file system");
        } finally {
            new ProcessBuilder("umount", readOnly.toString()).start().waitFor();
        }
    }

    @Test
    void twoProcessFoldersWithACorruptQueueAreRefusedAndLeftAsTheyWere() throws IOException {
        Path dir = parent.resolve("d");
        for (Consumer<Path> corrupt : List.<Consumer<Path>>of(
                queue -> truncate(cycleFile(queue.resolve("descriptors")), 4_096),
                queue -> olderVersion(queue.resolve("descriptors")),
                queue -> scramble(queue.resolve("doorbells").resolve("metadata.cq4t")))) {
            RunFolder.deleteTree(dir);
            Path run = copy(copy -> corrupt.accept(queues(copy)));
            RunFolder.create(dir);
            Files.move(queues(run), Files.createDirectories(dir.resolve("queues")).resolve("0-two-process"));
            List<String> before = listing(dir);
            for (String side : List.of("nic", "host")) {
                assertOneLine(execute(side, TWO_PROCESS, "--dir", dir.toString(), "--duration", "10ms", "--set",
                        "run.attachTimeout=200ms", "--quiet"), "--dir " + dir + ": " + dir.resolve("queues"),
                        "; use a new --dir");
                assertThat(listing(dir)).as("%s wrote nothing", side).isEqualTo(before);
            }
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<String> names = new ArrayList<>();
            for (Path path : paths.sorted().toList()) {
                names.add(dir.relativize(path) + (Files.isRegularFile(path) ? " " + Files.size(path) : ""));
            }
            return names;
        }
    }

    private static ObjectNode packets(ObjectNode summary) {
        return (ObjectNode) summary.get("runs").get(0).get("packets");
    }

    private static void edit(Path run, Consumer<ObjectNode> change) {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode summary = (ObjectNode) json.readTree(run.resolve("summary.json").toFile());
            change.accept(summary);
            json.writerWithDefaultPrettyPrinter().writeValue(run.resolve("summary.json").toFile(), summary);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean mount(Path dir, String options) throws InterruptedException, IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        mount.getInputStream().readAllBytes();
        return mount.waitFor() == 0;
    }

    private static boolean remountReadOnly(Path dir) throws InterruptedException, IOException {
        Process mount = new ProcessBuilder("mount", "-o", "remount,ro", dir.toString()).redirectErrorStream(true)
                .start();
        mount.getInputStream().readAllBytes();
        return mount.waitFor() == 0;
    }
}
