package io.nicsim.library;

import io.nicsim.bench.results.KeyUse;
import io.nicsim.bench.results.MachineChecks;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.run.Leftovers;
import io.nicsim.bench.run.Progress;
import io.nicsim.bench.run.QuietChecks;
import io.nicsim.bench.run.RunOptions;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.StudyRunner;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.host.handler.HandlerSource;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs a nicsim scenario in this JVM, as {@code ./nicsim run SCENARIO} does: every consumer the scenario lists, paced
 * (real threads, hardware in the loop) or in virtual time as its {@code run.clock} says, into a run folder of the
 * same files. Describe the run, then call {@link #run()}:
 *
 * <pre>{@code
 * NicsimResult result = NicsimRun.scenario(Path.of("my-scenario.yaml"))
 *         .set("run.duration=2s")
 *         .handler(MyHandler.class)
 *         .run();
 * double p99 = result.consumer("platform-thread").p99Micros();
 * }</pre>
 *
 * <p>Input nicsim cannot use (a scenario, an override, the handler class, the output folder, too little disk, a JVM
 * without the flags of nicsim's {@code jvm.options}) throws a {@link NicsimInputException} whose message is the line
 * the command line prints, before anything is written. Before a paced study, as the command line does, it removes
 * what dead nicsim processes left in {@code /dev/shm}, and looks at the machine's load; their warnings go to
 * {@link #log(PrintStream)}. It installs no signal handler and never exits the JVM. Not thread-safe: describe and run
 * it on one thread (two runs at once in one JVM measure each other).
 */
public final class NicsimRun {

    private final Path scenarioFile;
    private final List<String> overrides = new ArrayList<>();
    private Class<?> handlerClass;
    private Path outputFolder;
    private PrintStream log = System.err;
    private boolean progress;

    private NicsimRun(Path scenarioFile) {
        this.scenarioFile = scenarioFile;
    }

    /**
     * @param file a scenario file (YAML), as {@code ./nicsim run FILE} takes it; read when {@link #run()} is called
     * @return a run of it
     */
    public static NicsimRun scenario(Path file) {
        return new NicsimRun(Objects.requireNonNull(file, "file"));
    }

    /** @return a run of the built-in default study ({@code ./nicsim run} without a file): all four base consumers */
    public static NicsimRun defaultStudy() {
        return new NicsimRun(null);
    }

    /**
     * @return the flags a JVM needs to run nicsim (Chronicle Queue on Java 25), from nicsim's {@code jvm.options}:
     *         give them to the JVM that calls {@link #run()}, e.g. in surefire's {@code argLine}
     */
    public static List<String> requiredJvmFlags() {
        return JvmFlags.required();
    }

    /**
     * Overrides a scenario key, as {@code --set KEY=VALUE} does: applied after the file, in the order given, and
     * checked when {@link #run()} is called.
     *
     * @param keyEqualsValue e.g. {@code run.duration=2s} or {@code host.consumer=platform-thread,event-loop}
     * @return this run
     */
    public NicsimRun set(String keyEqualsValue) {
        overrides.add(Objects.requireNonNull(keyEqualsValue, "keyEqualsValue"));
        return this;
    }

    /** @return this run, with {@code key} overridden to {@code value} (as {@code set(key + "=" + value)}) */
    public NicsimRun set(String key, String value) {
        return set(key + "=" + value);
    }

    /**
     * Runs your packet handler in every consumer: an {@code io.nicsim.handler.PacketHandler} or
     * {@code AsyncPacketHandler} with a public no-argument constructor, from your class path (the scenario's
     * {@code host.handler} only names a class; nicsim never loads one by name). Sets {@code host.handler} to its name,
     * after every {@link #set} override.
     *
     * @param type the handler's class; null for none (the built-in work model, unless the scenario names a class,
     *             which is then an error)
     * @return this run
     */
    public NicsimRun handler(Class<?> type) {
        handlerClass = type;
        return this;
    }

    /**
     * @param folder the run folder to write, as {@code --out} takes it: new, empty, or nicsim's; default
     *               {@code runs/<timestamp>-<scenario>} under the current folder (a new one if that is taken)
     * @return this run
     */
    public NicsimRun outputFolder(Path folder) {
        outputFolder = folder;
        return this;
    }

    /**
     * @param stream where warnings (the machine's load, leftovers removed, little disk space, an override nothing
     *               reads) and, with {@link #progress(boolean)}, progress lines go; default {@code System.err}
     * @return this run
     */
    public NicsimRun log(PrintStream stream) {
        log = Objects.requireNonNull(stream, "stream");
        return this;
    }

    /** @return this run, printing a line per consumer run (and the JIT warm-up's passes) on the log when shown */
    public NicsimRun progress(boolean show) {
        progress = show;
        return this;
    }

    /**
     * Checks everything, then runs every consumer of the scenario and writes the run folder. Takes as long as the
     * scenario says: paced studies play a JIT warm-up round ({@code run.jitWarmup}), then {@code run.rounds} rounds
     * of {@code run.warmup} + {@code run.duration} per consumer.
     *
     * @return the figures and where the files are
     * @throws NicsimInputException input nicsim cannot use; nothing was written
     * @throws NicsimException      the run failed (an I/O error, a simulator thread that died, the thread
     *                              interrupted); the run folder, if made, says so
     */
    public NicsimResult run() {
        JvmFlags.check();
        Scenario scenario = load();
        HandlerSource handler = handlerSource(scenario);
        Path dir = folder(scenario);
        PrintWriter err = new PrintWriter(log, true, StandardCharsets.UTF_8);
        Leftovers.clean(dir.toAbsolutePath().normalize().getParent(), err);
        StopSignal stop = new StopSignal();
        Preflight.checkDisk(scenario, dir, stop, err);
        try {
            MachineChecks checks = beforeRuns(scenario, err);
            RunOptions options = new RunOptions(false, stop, progress ? new Progress(err, Progress.Mode.PLAIN)
                    : Progress.none()).withHandler(handler);
            Summary summary = new StudyRunner(SystemNanoClock.INSTANCE, options).withMachineChecks(checks)
                    .run(scenario, dir, command());
            return new NicsimResult(summary, dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NicsimException("interrupted: the run stopped; results of what ran, if any, are in " + dir, e);
        } catch (NicsimException e) {
            throw e;
        } catch (Exception e) {
            throw new NicsimException(e.getMessage() != null ? e.getMessage() : e.toString(), e);
        } finally {
            err.flush();
        }
    }

    /** @return the scenario with the overrides, and the handler's name last */
    private Scenario load() {
        List<String> all = new ArrayList<>(overrides);
        if (handlerClass != null) {
            all.add("host.handler=" + handlerClass.getName());
        }
        try {
            Scenario scenario = ScenarioLoader.load(scenarioFile, all);
            Preflight.checkHostModel(scenario);
            return scenario;
        } catch (ScenarioException e) {
            throw new NicsimInputException(e.getMessage(), e);
        }
    }

    /** @return the handler class checked and its constructor tried, or null for the built-in work model */
    private HandlerSource handlerSource(Scenario scenario) {
        if (!scenario.host().userHandler()) {
            return null;
        }
        if (handlerClass == null) {
            throw new NicsimInputException("host.handler: " + scenario.host().handler() + ": give the class to"
                    + " NicsimRun.handler(Class) (a scenario alone never loads code)");
        }
        try {
            return HandlerSource.of(handlerClass, "host.handler");
        } catch (IllegalArgumentException e) {
            throw new NicsimInputException(e.getMessage(), e);
        }
    }

    /** @return the output folder, checked writable; the default one new (a suffix when two runs share a second) */
    private Path folder(Scenario scenario) {
        Path dir = outputFolder != null ? outputFolder
                : firstFree(RunFolder.defaultFor(Path.of(""), scenario.name(), LocalDateTime.now()));
        String problem = RunFolder.problem(dir);
        if (problem != null) {
            throw new NicsimInputException("--out " + dir + ": " + problem);
        }
        return dir;
    }

    /** @return {@code base}, or the first of {@code base-2}, {@code base-3}, ... that does not exist */
    static Path firstFree(Path base) {
        Path dir = base;
        for (int n = 2; Files.exists(dir); n++) {
            dir = base.resolveSibling(base.getFileName() + "-" + n);
        }
        return dir;
    }

    /** Warns about overrides nothing reads, then looks at the machine before a paced study (null if virtual). */
    private MachineChecks beforeRuns(Scenario scenario, PrintWriter err) throws InterruptedException {
        List<Scenario> runs = scenario.host().consumers().stream().map(scenario::withConsumer).toList();
        Set<String> warned = new HashSet<>();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            String key = (eq < 0 ? override : override.substring(0, eq)).trim();
            String unused = KeyUse.unused(key, runs);
            if (unused != null && warned.add(key)) {
                err.println("warning: --set " + key + ": " + unused + "; it changes nothing here");
            }
        }
        MachineChecks checks = QuietChecks.look(runs);
        if (checks != null) {
            checks.warnings().forEach(warning -> err.println("warning: " + warning));
        }
        err.flush();
        return checks;
    }

    /** @return how summary.json says the run was started */
    private String command() {
        StringBuilder command = new StringBuilder("io.nicsim.library.NicsimRun ");
        command.append(scenarioFile != null ? scenarioFile : "(default study)");
        overrides.forEach(override -> command.append(" --set ").append(override));
        if (handlerClass != null) {
            command.append(" handler ").append(handlerClass.getName());
        }
        return command.toString();
    }
}
