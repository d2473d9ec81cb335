package io.nicsim.bench.cluster;

import io.nicsim.bench.process.ChildJvm;
import io.nicsim.bench.run.ParentWatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an item as {@code nicsim run SCENARIO --out DIR --quiet --command TEXT --exit-with-parent [--handler-jar JAR...]
 * [runArgs...]} in a fresh JVM ({@link ChildJvm}), its output in {@code run.log} beside the run folder. The jars are
 * the worker's own ({@code nicsim worker --handler-jar}): a coordinator never ships code, and an item whose arguments
 * name jars, an output folder or anything else this runner sets is refused. The child stops its run by itself when
 * the worker dies ({@code --exit-with-parent}).
 */
public final class ChildJvmRunner implements ItemRunner {

    /** What a coordinator's run arguments may not set: code, where the run writes, and this runner's own flags. */
    static final List<String> RESERVED = List.of("--handler-jar", "--out", "--command", "--exit-with-parent");

    private final List<Path> handlerJars;
    private final long graceMillis;

    /**
     * @param handlerJars the worker's jars, passed to every run
     * @param graceMillis how long a stopped run may take to write what it ran before it is killed
     */
    public ChildJvmRunner(List<Path> handlerJars, long graceMillis) {
        this.handlerJars = List.copyOf(handlerJars);
        this.graceMillis = graceMillis;
    }

    /** @return why a worker refuses to run with these arguments, or null */
    public static String refusal(List<String> runArgs) {
        for (String arg : runArgs) {
            for (String reserved : RESERVED) {
                if (arg.equals(reserved) || arg.startsWith(reserved + "=")) {
                    return "its run arguments set " + reserved + ", which only the worker sets (a worker runs its"
                            + " own jars only, and writes where it decides)";
                }
            }
        }
        return null;
    }

    /** @return the arguments of {@code nicsim} for {@code item} */
    List<String> arguments(WorkItem item, Path scenario, Path runDir) {
        List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--out", runDir.toString(), "--quiet",
                "--command=" + item.command(), "--exit-with-parent"));
        for (Path jar : handlerJars) {
            args.add("--handler-jar");
            args.add(jar.toString());
        }
        args.addAll(item.runArgs());
        return args;
    }

    @Override
    public Running start(WorkItem item, Path itemDir) throws IOException {
        String refusal = refusal(item.runArgs());
        if (refusal != null) {
            throw new IOException(refusal);
        }
        Path scenario = Files.writeString(itemDir.resolve("scenario.yaml"), item.scenario(), StandardCharsets.UTF_8);
        Path runDir = itemDir.resolve(item.folder());
        Path log = itemDir.resolve("run.log");
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.nicsim(arguments(item, scenario, runDir)))
                .directory(itemDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(ParentWatch.PARENT_PID_ENV, Long.toString(ProcessHandle.current().pid()));
        Process process = builder.start();
        CompletableFuture<Outcome> exited = process.onExit().thenApply(p -> new Outcome(p.exitValue(), lastLine(log)));
        return new Running(runDir, exited, () -> {
            if (!process.isAlive()) {
                return;
            }
            process.destroy(); // SIGTERM: the run stops its traffic, drains and writes what ran
            CompletableFuture.delayedExecutor(graceMillis, TimeUnit.MILLISECONDS).execute(() -> {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            });
        });
    }

    /** @return the last line of {@code log} that is not blank, or "" */
    static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
        } catch (IOException e) {
            // no log: the child never started
        }
        return "";
    }
}
