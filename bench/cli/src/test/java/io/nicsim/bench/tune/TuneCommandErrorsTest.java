package io.nicsim.bench.tune;

import io.nicsim.bench.cli.ExitCodes;
import io.nicsim.bench.cli.CliOutcome;
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
 * Bad input to tune: exit 2, exactly one "error: " line naming what and where, nothing run and nothing written (no
 * tune folder).
 */
class TuneCommandErrorsTest {

    /** A tunable scenario with cheap runs, so a wrongly accepted case runs for moments, not minutes. */
    private static final List<String> COALESCE = List.of("--set", "firmware.policy=coalesce", "--set",
            "host.consumer=platform-thread", "--set", "run.warmup=0", "--set", "run.drainTimeout=1ms", "--duration",
            "1ms",
            "--budget", "12", "--ab-rounds", "1");

    @TempDir
    Path parent;



    private List<String> tune(List<String> scenario, String... more) {
        List<String> args = new ArrayList<>(List.of("tune", "--out", parent.resolve("out").toString()));
        args.addAll(scenario);
        args.addAll(List.of(more));
        return args;
    }

    private List<String> tune(String... more) {
        return tune(COALESCE, more);
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
        assertThat(outcome.out()).as("nothing ran").doesNotContain("nicsim tune:");
        assertThat(listing(parent)).as("nothing written").isEqualTo(before);
    }

    @Test
    void aVirtualSearchsHostModelIsReadBeforeAnythingIsWritten() throws IOException {
        assertRejected(tune("--clock", "virtual", "--set", "run.hostModel=" + parent.resolve("none.yaml")),
                "run.hostModel", "none.yaml");
    }

    @Test
    void objectives() throws IOException {
        assertRejected(tune("--objective", "p99x"), "--objective", "unknown metric 'p99x'", "did you mean p99?");
        assertRejected(tune("--objective", "p100"), "--objective", "unknown metric 'p100'");
        assertRejected(tune("--objective", "interrupts"), "--objective", "interruptsPerSecond");
    }

    @Test
    void constraints() throws IOException {
        assertRejected(tune("--constraint", "p99 40us"), "--constraint", "expected METRIC<=VALUE");
        assertRejected(tune("--constraint", "p99<="), "--constraint", "expected METRIC<=VALUE");
        assertRejected(tune("--constraint", "p99<=40"), "--constraint p99<=40", "p99", "with its unit");
        assertRejected(tune("--constraint", "p99<=fast"), "--constraint p99<=fast", "a duration");
        assertRejected(tune("--constraint", "interruptsPerSecond<=lots"), "--constraint", "interruptsPerSecond",
                "a rate");
        assertRejected(tune("--constraint", "p99x<=40us"), "--constraint p99x<=40us", "unknown metric 'p99x'");
    }

    @Test
    void ranges() throws IOException {
        assertRejected(tune("--range", "firmware.rxUsec=0..10"), "--range: firmware.rxUsec: unknown key",
                "did you mean firmware.rxUsecs?");
        assertRejected(tune("--range", "firmware.budget=1..10"), "--range: firmware.budget: not used by policy"
                + " coalesce (used by: napi, napi-defer, irq-suspend", "tunable with coalesce: firmware.rxUsecs");
        assertRejected(tune("--range", "firmware.rxUsecs=0-10"), "--range: firmware.rxUsecs", "expected LOW..HIGH");
        assertRejected(tune("--range", "firmware.rxUsecs=..10"), "--range: firmware.rxUsecs", "expected LOW..HIGH");
        assertRejected(tune("--range", "rxUsecs"), "--range", "expected KEY=LOW..HIGH");
        assertRejected(tune("--range", "firmware.rxUsecs=-1..10"), "--range: firmware.rxUsecs", "-1");
        assertRejected(tune("--range", "firmware.rxUsecs=20..10"), "--range: firmware.rxUsecs",
                "LOW 20 is above HIGH 10");
        assertRejected(tune("--range", "firmware.timerMode=eqe,xqe"), "--range: firmware.timerMode", "xqe",
                "eqe, cqe");
        assertRejected(tune("--range", "firmware.timerMode=eqe,eqe"), "--range: firmware.timerMode", "listed twice");
        assertRejected(tune("--range", "firmware.rxUsecs=0..10", "--range", "firmware.rxUsecs=0..20"),
                "--range: firmware.rxUsecs: given twice");
        assertRejected(tune("--range", "firmware.rxUsecs=5", "--range", "firmware.rxFrames=3..3"), "--range",
                "pinned to one value: nothing to search");
        assertRejected(tune("--range", "firmware.itrNanos=0..2s"), "--range", "firmware.itrNanos");
        assertRejected(tune(List.of("--set", "firmware.policy=hybrid-poll", "--set", "host.consumer=platform-thread"),
                "--range", "firmware.hybridPauseNanos=0..10us"), "--range: firmware.hybridPauseNanos");
    }

    @Test
    void scenarios() throws IOException {
        assertRejected(tune(List.of("--set", "host.consumer=platform-thread")), "firmware.policy",
                "per-packet has no parameters to tune", "coalesce");
        assertRejected(tune(List.of("--set", "firmware.policy=coalesce")), "host.consumer", "one consumer, found 4");
        assertRejected(tune(List.of("--set", "firmware.policy=coalesce", "--set", "host.consumer=busy-poll")),
                "host.consumer", "busy-poll");
        assertRejected(tune("--set", "firmware.rxFrams=8"), "--set: firmware.rxFrams: unknown key");
        assertRejected(tune(List.of(parent.resolve("missing.yaml").toString())), "missing.yaml", "no such file");
    }

    @Test
    void budgets() throws IOException {
        assertRejected(tune(List.of("--set", "firmware.policy=coalesce", "--set", "host.consumer=platform-thread",
                "--budget", "13")), "--budget", "13 runs cannot hold the A/B (6 rounds = 12 runs)", "--budget 14");
        assertRejected(tune("--budget", "0"), "--budget");
        assertRejected(tune("--repeats", "0"), "--repeats");
        assertRejected(tune("--ab-rounds", "0"), "--ab-rounds");
        assertRejected(tune("--budget", "many"), "--budget", "many");
        assertRejected(tune("--margin", "80"), "--margin", "from 0 to 50");
        assertRejected(tune("--margin", "-1"), "--margin");
    }

    @Test
    void outFolderOfSomeoneElse() throws IOException {
        Path out = Files.createDirectories(parent.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "keep me\n");
        assertRejected(tune(), "--out", "not empty");
    }
}
