package io.nicsim.bench.process;

import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code nicsim run} in a JVM of its own, as a user starts it (tune's A/B replays, {@code bench repeat}): its output
 * goes to a log beside the run folder, kept only when the run failed.
 */
public final class ChildRun {

    /** {@code nicsim run}'s exit code when its disk watch cut it short (bench/cli ExitCodes.CUT_SHORT). */
    static final int CUT_SHORT_EXIT = 4;

    private ChildRun() {
    }

    /**
     * The {@code --handler-jar} arguments that give a child {@code nicsim run} the jars {@code handler}'s class was
     * loaded from, so the child loads the same class (its scenario names it in {@code host.handler}).
     *
     * @param handler the user's handler, or null for the built-in work model
     * @return {@code --handler-jar JAR} for each jar, in the parent's order; empty for null
     * @throws IllegalStateException if the class was not loaded from jars (a test's class path, through the library):
     *                               a child JVM could not load it
     */
    public static List<String> handlerJarArgs(io.nicsim.host.handler.HandlerSource handler) {
        if (handler == null) {
            return List.of();
        }
        if (!(handler.type().getClassLoader() instanceof java.net.URLClassLoader jars)) {
            throw new IllegalStateException("host.handler: " + handler.className() + " was not loaded from jars"
                    + " (--handler-jar), so a child nicsim JVM cannot load it");
        }
        List<String> args = new ArrayList<>();
        for (java.net.URL url : jars.getURLs()) {
            try {
                args.add("--handler-jar");
                args.add(Path.of(url.toURI()).toString());
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                throw new IllegalStateException("host.handler: cannot name " + url + " as a file for a child JVM", e);
            }
        }
        return args;
    }

    /**
     * @param runArgs        what follows {@code nicsim run} besides {@code --out}
     * @param runDir         the run folder it writes ({@code --out})
     * @param timeoutMinutes how long it may take before it is killed
     * @param what           its name in error messages ("replay run")
     * @return its summary.json
     * @return its summary.json (with {@code cutShort} if the child exited 4, cut short for want of disk space)
     * @throws IOException if it ran too long, failed or wrote no summary: "WHAT in DIR exited with N: last line"
     */
    public static Summary run(List<String> runArgs, Path runDir, long timeoutMinutes, String what)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("run", "--out", runDir.toString()));
        args.addAll(runArgs);
        Path log = runDir.resolveSibling(runDir.getFileName() + ".log");
        Process process = new ProcessBuilder(ChildJvm.nicsim(args)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(what + " in " + runDir + " took longer than " + timeoutMinutes + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        }
        Path summary = runDir.resolve(SummaryWriter.FILE_NAME);
        // 4: the child's disk watch cut it short; its summary says so ("cutShort") and the caller stops on it
        boolean ran = process.exitValue() == 0 || process.exitValue() == CUT_SHORT_EXIT;
        if (!ran || !Files.exists(summary)) {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            throw new IOException(what + " in " + runDir + " exited with " + process.exitValue()
                    + (lines.isEmpty() ? "" : ": " + lines.getLast()));
        }
        Files.deleteIfExists(log);
        return SummaryWriter.read(summary);
    }
}
