package io.nicsim.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every command that writes refuses a folder it cannot create or write before anything starts: one line naming the
 * flag, the folder and the OS's reason, exit 2, nothing written (the probe's folders and file removed again).
 */
class UnwritableFolderTest {

    private static final String TWO_PROCESS = "../scenarios/two-process.yaml";
    /** Cheap, valid settings: a case wrongly accepted runs a millisecond, not the default study. */
    private static final List<String> CHEAP = List.of("--set", "host.consumer=busy-poll", "--set", "run.warmup=0",
            "--set", "run.drainTimeout=1ms", "--set", "run.memoryProbeWaiters=0", "--duration", "1ms", "--quiet");

    @TempDir
    Path parent;



    private List<String> listing() throws IOException {
        try (Stream<Path> paths = Files.walk(parent)) {
            return paths.map(path -> parent.relativize(path).toString()).sorted().toList();
        }
    }

    /** Each writing command with {@code folder} as its output or queue folder. */
    private static List<List<String>> commands(Path folder) {
        String dir = folder.toString();
        List<List<String>> commands = new ArrayList<>();
        commands.add(with(List.of("run", "--out", dir), CHEAP));
        commands.add(with(List.of("compare", "--consumers", "busy-poll,platform-thread", "--out", dir), CHEAP));
        commands.add(with(List.of("sweep", "--param", "firmware.rxUsecs=1,2", "--set", "firmware.policy=coalesce",
                "--out", dir), CHEAP));
        commands.add(with(with(List.of("tune", "--set", "firmware.policy=coalesce", "--budget", "12", "--ab-rounds",
                "1", "--out", dir), CHEAP), List.of("--set", "host.consumer=platform-thread")));
        commands.add(List.of("scale", "--consumers", "platform-thread", "--counts", "1", "--out", dir));
        commands.add(List.of("nic", TWO_PROCESS, "--dir", dir, "--duration", "1ms", "--quiet"));
        commands.add(List.of("host", TWO_PROCESS, "--dir", dir, "--duration", "1ms", "--quiet"));
        commands.add(List.of("calibrate", "--out", folder.resolve("model.yaml").toString(), "--quiet"));
        commands.add(List.of("bench", "floor", "--markdown", folder.resolve("floor.md").toString()));
        return commands;
    }

    private static List<String> with(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    private void assertRefused(List<String> command, String... says) throws IOException {
        List<String> before = listing();
        CliOutcome outcome = CliOutcome.of(command);
        assertThat(outcome.code()).as("%s: exit code; stderr: %s", command, outcome.err())
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(outcome.err().lines().toList()).as("%s: stderr", command).singleElement().asString()
                .startsWith("error: ").contains(says);
        assertThat(listing()).as("%s: nothing written", command).isEqualTo(before);
    }

    @Test
    void aFileWhereTheFolderShouldBeIsNamedByEveryCommand() throws IOException {
        Path file = Files.writeString(parent.resolve("a-file"), "x");
        for (List<String> command : commands(file.resolve("sub"))) {
            boolean aFileItWrites = command.contains("calibrate") || command.contains("bench");
            String reason = command.contains("calibrate") ? "does not exist" : file + " is a file, not a folder";
            assertRefused(command, aFileItWrites ? file.toString() : file.resolve("sub").toString(), reason);
        }
    }

    @Test
    void aReadOnlyFileSystemIsNamedByEveryCommand() throws Exception {
        Path readOnly = Files.createDirectory(parent.resolve("ro"));
        String whyNot = Tmpfs.mount(readOnly, "size=64k,ro");
        assumeTrue(whyNot == null, whyNot);
        try {
            for (List<String> command : commands(readOnly)) {
                assertRefused(command, readOnly.toString(), "read-only file system");
            }
        } finally {
            Tmpfs.unmount(readOnly);
        }
    }

    @Test
    void aFullFileSystemIsNamedBeforeAnythingStarts() throws Exception {
        Path full = Files.createDirectory(parent.resolve("full"));
        String whyNot = Tmpfs.mount(full, "size=64k");
        assumeTrue(whyNot == null, whyNot);
        try {
            Files.write(full.resolve("filler"), new byte[64 * 1024]);
            assertRefused(with(List.of("run", "--out", full.resolve("run").toString()), CHEAP),
                    "--out " + full.resolve("run") + ": cannot write in it: no space left on device");
            assertRefused(List.of("host", TWO_PROCESS, "--dir", full.resolve("d").toString()),
                    "--dir " + full.resolve("d") + ": cannot write in it: no space left on device");
        } finally {
            Tmpfs.unmount(full);
        }
    }

    @Test
    void procIsRefusedWithItsReasonNotABarePath() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        for (List<String> command : List.of(with(List.of("run", "--out", "/proc/forbidden"), CHEAP),
                List.of("host", TWO_PROCESS, "--dir", "/proc/x", "--duration", "1ms"))) {
            CliOutcome outcome = CliOutcome.of(command);
            assertThat(outcome.code()).as("stderr: %s", outcome.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(outcome.err().lines().toList()).singleElement().asString()
                    .matches("error: --(out|dir) /proc/(forbidden|x): cannot create it: .+")
                    .containsAnyOf("takes no new folders", "permission denied");
        }
    }
}
