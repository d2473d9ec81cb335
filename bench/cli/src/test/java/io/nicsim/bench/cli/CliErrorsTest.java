package io.nicsim.bench.cli;

import io.nicsim.bench.results.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins that bad CLI input exits 2 with exactly one "error: " line on stderr and creates nothing (no simulation runs).
 */
class CliErrorsTest {

    /**
     * Valid, cheap settings added to most cases: should validation ever wrongly pass, the run that follows is
     * one consumer for a millisecond instead of the 24-second default study.
     */
    private static final List<String> CHEAP = List.of("--set", "host.consumer=busy-poll", "--set", "run.warmup=0",
            "--set", "run.drainTimeout=1ms");

    @TempDir
    Path parent;

    record Outcome(int code, String out, String err) {
    }

    private static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private static String[] args(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all.toArray(String[]::new);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.map(path -> dir.relativize(path).toString()).sorted().toList();
        }
    }

    private void assertRejected(Outcome outcome, String... errSays) throws IOException {
        assertThat(outcome.code()).as("exit code; stderr: %s", outcome.err()).isEqualTo(ExitCodes.BAD_INPUT)
                .isEqualTo(2);
        List<String> lines = outcome.err().lines().toList();
        assertThat(lines).as("stderr lines").hasSize(1);
        assertThat(lines.getFirst()).startsWith("error: ");
        for (String fragment : errSays) {
            assertThat(lines.getFirst()).contains(fragment);
        }
        assertThat(outcome.out()).as("nothing on stdout: no run started").doesNotContain("nicsim run:");
        assertThat(listing(parent)).as("nothing created under the --out parent").containsExactly("");
    }

    @Test
    void unknownOption() throws IOException {
        Path out = parent.resolve("out");
        assertRejected(execute(args(List.of("run", "--bogus", "--out", out.toString()), CHEAP)), "--bogus",
                "nicsim run --help");
    }

    @Test
    void aSweepOverAKeyNoRunReadsIsRefusedNamingWhoReadsIt() throws IOException {
        Path out = parent.resolve("out");
        assertRejected(execute(args(List.of("sweep", "--set", "firmware.policy=per-packet", "--param",
                "firmware.rxUsecs=0,16,64", "--out", out.toString()), CHEAP)),
                "--param: firmware.rxUsecs: not used by policy per-packet (used by: coalesce)", "noise");
    }

    @Test
    void aSetOfAKeyTheRunDoesNotReadWarnsOnce() throws Exception {
        RunCommand run = new RunCommand();
        new picocli.CommandLine(run).parseArgs("--set", "firmware.rxUsecs=8", "--set", "firmware.rxUsecs=9",
                "--set", "traffic.flows=4", "--set", "traffic.idleNanos=1ms");
        StringWriter err = new StringWriter();
        run.study.warnUnusedSets(List.of(run.study.load()), new PrintWriter(err));
        assertThat(err.toString().lines().toList()).containsExactly(
                "warning: --set firmware.rxUsecs: not used by policy per-packet (used by: coalesce); it changes"
                        + " nothing here",
                "warning: --set traffic.idleNanos: not used by traffic kind poisson (used by: on-off); it changes"
                        + " nothing here");
    }

    @Test
    void unknownTopLevelOption() throws IOException {
        assertRejected(execute("--bogus"), "--bogus");
    }

    @Test
    void unknownSubcommand() throws IOException {
        assertRejected(execute("bogus-cmd"), "bogus-cmd");
    }

    @Test
    void topLevelErrorsPointAtNicsimHelp() {
        String err = execute("--bogus").err();
        assertThat(err).contains("(see 'nicsim --help')").doesNotContain("nicsim nicsim");
    }

    @Test
    void badSet() throws IOException {
        Path out = parent.resolve("out");
        assertRejected(execute(args(List.of("run", "--out", out.toString(), "--set", "traffic.flows"), CHEAP)),
                "--set", "expected key=value", "traffic.flows");
        assertRejected(execute(args(List.of("run", "--out", out.toString(), "--set", "firmware.rxFrams=8"), CHEAP)),
                "firmware.rxFrams", "did you mean firmware.rxFrames?");
    }

    @Test
    void missingScenarioFile() throws IOException {
        Path out = parent.resolve("out");
        Path missing = parent.resolveSibling(parent.getFileName() + "-missing").resolve("nope.yaml");
        assertRejected(execute(args(List.of("run", missing.toString(), "--out", out.toString()), CHEAP)),
                missing.toString(), "no such file");
    }

    @Test
    void badDuration() throws IOException {
        Path out = parent.resolve("out");
        for (String duration : List.of("fast", "-5s", "0", "1.5ns", "10 parsecs")) {
            assertRejected(execute(args(List.of("run", "--out", out.toString(), "--duration", duration), CHEAP)),
                    "run.duration");
        }
    }

    @Test
    void missingOptionValue() throws IOException {
        assertRejected(execute("run", "--duration"), "--duration");
    }

    @Test
    void outFolderThatIsNotEmptyAndNotNicsims() throws IOException {
        Path out = Files.createDirectory(parent.resolve("someone-elses"));
        Files.writeString(out.resolve("notes.txt"), "keep me\n");
        List<String> before = listing(parent);

        Outcome outcome = execute(args(List.of("run", "--out", out.toString(), "--duration", "1ms"), CHEAP));

        assertThat(outcome.code()).as("exit code; stderr: %s", outcome.err()).isEqualTo(2);
        List<String> lines = outcome.err().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).startsWith("error: --out " + out).contains(RunFolder.MARKER).contains("not empty");
        assertThat(outcome.out()).doesNotContain("nicsim run:");
        assertThat(listing(parent)).isEqualTo(before).containsExactly("", "someone-elses", "someone-elses/notes.txt");
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("keep me\n");
    }

    @Test
    void outThatIsAFile() throws IOException {
        Path out = Files.writeString(parent.resolve("a-file"), "x");
        Outcome outcome = execute(args(List.of("run", "--out", out.toString(), "--duration", "1ms"), CHEAP));
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err().lines().toList()).singleElement().asString()
                .startsWith("error: --out ").contains("expected a folder, found a file");
        assertThat(listing(parent)).containsExactly("", "a-file");
    }
}
