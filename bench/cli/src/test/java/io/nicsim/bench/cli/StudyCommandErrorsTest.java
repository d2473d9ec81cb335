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

/**
 * Bad input to sweep, compare, report and inspect: exit 2, exactly one "error: " line on stderr, nothing run and
 * nothing written.
 */
class StudyCommandErrorsTest {

    /** Cheap settings, so a wrongly accepted case runs for milliseconds, not the default study. */
    private static final List<String> CHEAP = List.of("--set", "host.consumer=busy-poll", "--set", "run.warmup=0",
            "--set", "run.drainTimeout=1ms", "--duration", "1ms");

    @TempDir
    Path parent;



    private List<String> study(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--out", parent.resolve("out").toString()));
        args.addAll(List.of(more));
        args.addAll(CHEAP);
        return args;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.map(path -> dir.relativize(path).toString()).sorted().toList();
        }
    }

    private void assertRejected(List<String> args, String... errSays) throws IOException {
        List<String> before = listing(parent);
        CliOutcome outcome = CliOutcome.of(args);
        assertThat(outcome.code()).as("exit code of %s; stderr: %s", args, outcome.err())
                .isEqualTo(ExitCodes.BAD_INPUT);
        List<String> lines = outcome.err().lines().toList();
        assertThat(lines).as("stderr lines of %s", args).hasSize(1);
        assertThat(lines.getFirst()).startsWith("error: ");
        for (String fragment : errSays) {
            assertThat(lines.getFirst()).contains(fragment);
        }
        assertThat(outcome.out()).as("nothing ran").doesNotContain("nicsim sweep:").doesNotContain("nicsim compare:")
                .doesNotContain("report:");
        assertThat(listing(parent)).as("nothing written").isEqualTo(before);
    }

    @Test
    void sweepParams() throws IOException {
        assertRejected(study("sweep"), "--param");
        assertRejected(study("sweep", "--param", "rxUsecs"), "--param", "expected KEY=VALUE");
        assertRejected(study("sweep", "--param", "=1,2"), "--param", "expected KEY=VALUE");
        assertRejected(study("sweep", "--param", "firmware.rxUsecs="), "--param", "firmware.rxUsecs", "empty value");
        assertRejected(study("sweep", "--param", "firmware.rxUsecs=8,,16"), "--param", "empty value");
        assertRejected(study("sweep", "--param", "firmware.rxUsecs=8,8"), "--param", "listed twice");
        assertRejected(study("sweep", "--param", "firmware.rxUsecs=8", "--param", "firmware.rxUsecs=16"),
                "--param", "given twice");
        assertRejected(study("sweep", "--param", "firmware.rxUsec=8,16"), "--param: firmware.rxUsec: unknown key",
                "did you mean firmware.rxUsecs?");
        assertRejected(study("sweep", "--param", "firmware.rxUsecs=8,fast"), "--param: firmware.rxUsecs", "fast");
        assertRejected(study("sweep", "--param", "run.duration=1ms,0"), "--param", "run.duration");
        assertRejected(study("sweep", "--param", "firmware.rxUsecs=8", "--set", "firmware.rxFrams=8"), "--set",
                "firmware.rxFrams");
    }

    @Test
    void compareLists() throws IOException {
        assertRejected(study("compare"), "--consumers or --policies");
        assertRejected(study("compare", "--consumers", "busy-poll,busy-pol"), "--consumers", "busy-pol");
        assertRejected(study("compare", "--policies", "per-packet,coalesc"), "--policies", "coalesc");
        assertRejected(study("compare", "--consumers", "busy-poll"), "at least two runs");
        assertRejected(study("compare", "--policies", "per-packet", "--bogus"), "--bogus");
    }

    @Test
    void outFolderOfSomeoneElse() throws IOException {
        Path out = Files.createDirectories(parent.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "keep me\n");
        assertRejected(study("sweep", "--param", "traffic.ratePerSecond=10kpps,20kpps"), "--out", "not empty");
        assertRejected(study("compare", "--consumers", "busy-poll,event-loop"), "--out", "not empty");
    }

    @Test
    void reportFolders() throws IOException {
        assertRejected(List.of("report", parent.resolve("missing").toString()), "no such folder");
        assertRejected(List.of("report", Files.writeString(parent.resolve("a-file"), "x").toString()),
                "expected a folder");
        Path empty = Files.createDirectories(parent.resolve("empty"));
        assertRejected(List.of("report", empty.toString()), "not a nicsim run folder");
        Path broken = Files.createDirectories(parent.resolve("broken"));
        Files.writeString(broken.resolve("summary.json"), "{\"runs\": [ oops");
        assertRejected(List.of("report", broken.toString()), broken.resolve("summary.json") + ":1:12: not valid JSON");
        Path brokenSweep = Files.createDirectories(parent.resolve("broken-sweep"));
        Files.writeString(brokenSweep.resolve("sweep.json"), "[]");
        assertRejected(List.of("report", brokenSweep.toString()), brokenSweep.resolve("sweep.json")
                + ":1:1: expected an object");
    }

    @Test
    void inspectInput() throws IOException {
        assertRejected(List.of("inspect", parent.resolve("missing").toString()), "no such folder");
        Path empty = Files.createDirectories(parent.resolve("empty"));
        assertRejected(List.of("inspect", empty.toString()), "not a nicsim run folder");
        assertRejected(List.of("inspect", empty.toString(), "--kind", "irqs"), "--kind", "irqs");
        assertRejected(List.of("inspect", empty.toString(), "--from", "soon"), "--from", "soon");
        assertRejected(List.of("inspect", empty.toString(), "--from", "2s", "--to", "1s"), "--to");
        assertRejected(List.of("inspect", empty.toString(), "--limit", "-1"), "--limit");
        assertRejected(List.of("inspect", empty.toString(), "--limit", "many"), "--limit");
        assertRejected(List.of("inspect"), "DIR");
    }
}
