package io.nicsim.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Maven build of its own, started the way this build was: the same Maven ({@code maven.home}), the same local
 * repository, offline when this build is, the JDK running this test. Its output goes to a log file.
 */
final class ChildMaven {

    /** What a build did: its exit code and everything it printed. */
    record Outcome(int exitCode, String output, Path log) {
    }

    private final Path mavenHome;
    private final Path repository;
    private final boolean offline;

    ChildMaven(Path mavenHome, Path repository, boolean offline) {
        this.mavenHome = mavenHome;
        this.repository = repository;
        this.offline = offline;
    }

    /** @return the Maven of this build, from the system properties the module's surefire configuration sets */
    static ChildMaven ofThisBuild() {
        String home = System.getProperty("nicsim.mavenHome");
        String repository = System.getProperty("nicsim.localRepository");
        if (home == null || home.isBlank() || repository == null || repository.isBlank()) {
            throw new IllegalStateException("nicsim.mavenHome and nicsim.localRepository are not set: run this test"
                    + " through Maven (bench/examples-it's surefire configuration sets them)");
        }
        return new ChildMaven(Path.of(home), Path.of(repository),
                String.valueOf(System.getProperty("nicsim.mavenOffline")).equals("offline=true"));
    }

    Path repository() {
        return repository;
    }

    /**
     * Runs {@code mvn -B ARGS} in {@code project}; a build still running after {@code timeoutSeconds} is stopped and
     * fails the test.
     */
    Outcome run(Path project, Path log, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mavenHome.resolve("bin/mvn").toString(), "-B",
                "-Dstyle.color=never", "-Dmaven.repo.local=" + repository));
        if (offline) {
            command.add("-o");
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_ARGS");
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError("mvn " + String.join(" ", args) + " in " + project + " still ran after "
                    + timeoutSeconds + " s; its output: " + log);
        }
        return new Outcome(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
    }
}
