package io.nicsim.bench.cli;

import io.nicsim.bench.process.ChildJvm;
import io.nicsim.bench.results.RunProgress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault injection: {@code kill -9} of a {@code nicsim run} child JVM at seeded moments, each the instant an event is
 * seen (its first output line: start-up; its /dev/shm staging folder: warm-up and traffic; its first histogram file
 * or its summary.json: file writing), then a new run: the dead run's staging is removed and said so, its folder marked
 * incomplete and said so, and report and inspect on it say incomplete in one line (exit 2). The seed is
 * {@code -Dnicsim.faultSeed} (default 17); three of the four moments are played, in a seeded order.
 */
@Tag("run")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KilledRunTest {

    private static final Path SHM = Path.of("/dev/shm");
    private static final long SEED = Long.getLong("nicsim.faultSeed", 17);

    /** A moment to kill at: its name and the event that marks it. */
    private record Moment(String name, Event event) {
    }

    @FunctionalInterface
    private interface Event {
        boolean seen(Child child);
    }

    /** A child run and what it has shown. */
    private record Child(Process process, Path out, List<String> lines) {
    }

    private record Result(int code, String err) {
    }

    @Test
    void theNextRunCleansWhatAKilledRunLeftAndSaysSo(@TempDir Path tmp) throws Exception {
        List<Moment> moments = new ArrayList<>(List.of(
                new Moment("start-up", child -> !child.lines().isEmpty()),
                new Moment("warm-up or traffic", child -> !staging(child.process().pid()).isEmpty()),
                new Moment("file writing", child -> Files.exists(child.out().resolve("0-platform-thread")
                        .resolve("notification.hgrm"))),
                new Moment("summary written", child -> Files.exists(child.out().resolve("summary.json")))));
        Collections.shuffle(moments, new Random(SEED));
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        boolean sawBoth = false;
        for (int i = 0; i < 3; i++) {
            Moment moment = moments.get(i);
            String what = "seed " + SEED + ", killed at " + moment.name();
            Child child = start(runs.resolve("killed-" + i));
            awaitThenKill(child, () -> moment.event().seen(child) || !child.process().isAlive(), what);
            List<Path> left = staging(child.process().pid());
            boolean inProgress = Files.exists(child.out().resolve(RunProgress.IN_PROGRESS));

            Result next = nicsim("run", "--quiet", "--set", "run.clock=virtual", "--set", "host.consumer=busy-poll",
                    "--duration", "50ms", "--set", "run.warmup=10ms", "--out", runs.resolve("next-" + i).toString());
            assertThat(next.code()).as("%s: %s", what, next.err()).isZero();
            assertThat(staging(child.process().pid())).as(what).isEmpty();
            if (!left.isEmpty()) {
                assertThat(next.err()).as(what).contains("cleaned up: removed ").contains(" freed");
            }
            if (inProgress) {
                assertThat(next.err()).as(what).contains("marked incomplete: ").contains(child.out().toString());
                for (String command : List.of("report", "inspect")) {
                    Result read = nicsim(command, child.out().toString());
                    assertThat(read.code()).as("%s: %s", what, command).isEqualTo(ExitCodes.BAD_INPUT);
                    assertThat(read.err()).as("%s: %s", what, command).hasLineCount(1)
                            .contains("incomplete run folder (its nicsim process (pid " + child.process().pid());
                }
            }
            sawBoth |= !left.isEmpty() && inProgress;
        }
        assertThat(sawBoth).as("seed %d: at least one kill left both staging and a folder in progress", SEED)
                .isEqualTo(moments.subList(0, 3).stream().anyMatch(m -> m.name().equals("warm-up or traffic")));
    }

    private static Child start(Path out) throws IOException {
        List<String> args = List.of("run", "--out", out.toString(), "--set", "host.consumer=platform-thread",
                "--duration", "1500ms", "--set", "run.warmup=200ms", "--set", "run.rounds=1", "--set",
                "run.jitWarmup=0", "--set", "run.memoryProbeWaiters=0");
        Process process = new ProcessBuilder(ChildJvm.command(NicsimCli.class.getName(), args))
                .redirectErrorStream(true).start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines::add);
            } catch (IOException ignored) {
                // the child was killed
            }
        });
        return new Child(process, out, lines);
    }

    /** Looks for the event every millisecond (it comes from another process), then kills the child with SIGKILL. */
    private static void awaitThenKill(Child child, BooleanSupplier event, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!event.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s: the event never came; output: %s", what, child.lines())
                    .isLessThan(deadline);
            Thread.sleep(1);
        }
        child.process().toHandle().destroyForcibly(); // SIGKILL on Linux: kill -9
        assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).as(what).isTrue();
    }

    private static List<Path> staging(long pid) {
        try (Stream<Path> entries = Files.list(SHM)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("nicsim-" + pid + "-")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Result nicsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Result(code, err.toString());
    }
}
