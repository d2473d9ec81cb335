package io.nicsim.bench.cli;

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
 * A bad host model given to a virtual run, and bad calibrate flags: exit 2, one "error: " line naming the file and
 * what is wrong, nothing run, nothing written.
 */
class HostModelErrorsTest {

    @TempDir
    Path parent;

    private static final String GOOD = "version: 1\ncores: 2\ndeliverNanos: {min: 100, p50: 200, max: 900}\n"
            + "irqNanos: 0\ncontextSwitchNanos: 0\nemptyPollNanos: 50\n"
            + "consumers:\n  busy-poll: {wakeNanos: 0, perPacketNanos: 10, perPollNanos: 1, handoffNanos: 0}\n";

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.map(path -> dir.relativize(path).toString()).sorted().toList();
        }
    }

    private void assertRejected(List<String> args, String... errSays) throws IOException {
        List<String> before = listing(parent);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(out), new PrintWriter(err))
                .execute(args.toArray(String[]::new));
        assertThat(code).as("exit code of %s; stderr: %s", args, err).isEqualTo(ExitCodes.BAD_INPUT);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).as("stderr lines of %s", args).hasSize(1);
        assertThat(lines.getFirst()).startsWith("error: ");
        for (String fragment : errSays) {
            assertThat(lines.getFirst()).contains(fragment);
        }
        assertThat(out.toString()).as("nothing ran").doesNotContain("nicsim run:").doesNotContain("[1/");
        assertThat(listing(parent)).as("nothing written").isEqualTo(before);
    }

    private List<String> virtualRun(Path model, String consumer) {
        return new ArrayList<>(List.of("run", "--out", parent.resolve("out").toString(), "--set", "run.clock=virtual",
                "--set", "run.hostModel=" + model, "--set", "host.consumer=" + consumer, "--duration", "1ms"));
    }

    private Path model(String text) throws IOException {
        Path file = parent.resolve("model.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void badHostModelsAreRefusedBeforeAVirtualRun() throws IOException {
        assertRejected(virtualRun(model("version: 1\ncores: [2\n  x: {"), "busy-poll"),
                "error: run.hostModel: cannot read host model " + parent.resolve("model.yaml"), "line");
        assertRejected(virtualRun(model(GOOD.replace("version: 1\n", "")), "busy-poll"),
                "model.yaml", "missing 'version'");
        assertRejected(virtualRun(model(GOOD.replace("version: 1", "version: 7")), "busy-poll"),
                "model.yaml", "version 7 is not one this nicsim reads");
        assertRejected(virtualRun(model(GOOD), "platform-thread"),
                "model.yaml", "no costs for consumer 'platform-thread'");
        assertRejected(virtualRun(model(GOOD.replace("irqNanos: 0", "irqNanos: -3")), "busy-poll"),
                "model.yaml", "'irqNanos': expected a number >= 0, found -3");
        assertRejected(virtualRun(parent.resolve("absent.yaml"), "busy-poll"), "absent.yaml", "no such file");
    }

    @Test
    void badCalibrateFlags() throws IOException {
        assertRejected(List.of("calibrate", "--duration", "soon"), "--duration");
        assertRejected(List.of("calibrate", "--duration", "0s"), "--duration");
        assertRejected(List.of("calibrate", "--kinds", "spin"), "--kinds", "spin");
        assertRejected(List.of("calibrate", "--out", parent.toString()), "--out", "is a folder");
        assertRejected(List.of("calibrate", "--out", parent.resolve("no/such/m.yaml").toString()), "--out",
                "does not exist");
    }
}
