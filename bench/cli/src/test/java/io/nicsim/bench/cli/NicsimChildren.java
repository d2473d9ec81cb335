package io.nicsim.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nicsim commands a test runs in child JVMs of this test's class path (two-process mode: a NIC and a host), each
 * writing {@code NAME.out} and {@code NAME.err} in a folder; the test waits on what they print, never on a delay.
 */
public final class NicsimChildren implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final Path folder;
    private final long timeoutSeconds;
    private final List<Process> started = new ArrayList<>();

    /**
     * @param folder         where the children run and write their output
     * @param timeoutSeconds how long a wait may take before the test fails
     */
    public NicsimChildren(Path folder, long timeoutSeconds) {
        this.folder = folder;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** @return {@code path} in the repository (scenarios, jvm.options) */
    public static Path repository(String path) {
        return ROOT.resolve(path);
    }

    /** Starts {@code nicsim ARGS} as {@code name}, with the JVM flags of jvm.options. */
    public Process start(String name, List<String> args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "@" + ROOT.resolve("jvm.options"), "-cp",
                System.getProperty("java.class.path"), NicsimCli.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(folder.resolve(name + ".out").toFile())
                .redirectError(folder.resolve(name + ".err").toFile())
                .start();
        started.add(process);
        return process;
    }

    /** @return what {@code name} printed so far, standard output then standard error */
    public String output(String name) throws IOException {
        return Files.readString(folder.resolve(name + ".out")) + Files.readString(folder.resolve(name + ".err"));
    }

    /** @return what {@code name} printed on standard error */
    public String errors(String name) throws IOException {
        return Files.readString(folder.resolve(name + ".err"));
    }

    /** Waits until {@code name} printed {@code text}; fails if it died first or the timeout passed. */
    public void awaitOutput(Process process, String name, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!Files.readString(folder.resolve(name + ".out")).contains(text)) {
            assertThat(process.isAlive()).as("%s died early: %s", name, output(name)).isTrue();
            assertThat(System.nanoTime()).as("%s never printed %s: %s", name, text, output(name)).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** @return {@code name}'s exit code, once it exited (killed and failed if it does not within the timeout) */
    public int exitCode(Process process, String name) throws Exception {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not exit: " + output(name));
        }
        return process.exitValue();
    }

    /** Kills what still runs and waits for it to end. */
    @Override
    public void close() throws InterruptedException {
        started.forEach(Process::destroyForcibly);
        for (Process process : started) {
            process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        }
    }
}
