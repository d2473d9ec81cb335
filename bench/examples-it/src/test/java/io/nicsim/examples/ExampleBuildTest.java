package io.nicsim.examples;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The README's promise, checked: examples/handler-example (its own pom, not part of this build) builds against the
 * artifacts this build published to the local Maven repository, and its JUnit budget test passes with its default
 * budget and fails with an impossible one, naming the run folder it kept. Needs {@code mvn install} (./nicsim test);
 * after a {@code mvn verify} the local repository may be older than this build, which fails here first, by name.
 */
@Tag("run")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ExampleBuildTest {

    private static final String BUDGET_TEST = "com.example.handler.LookupHandlerBudgetTest";
    private static final long BUILD_TIMEOUT_SECONDS = 180;

    @TempDir
    static Path work;

    private static ChildMaven maven;
    private static Path project;

    @BeforeAll
    static void theLocalRepositoryHoldsThisBuildsArtifacts() throws Exception {
        maven = ChildMaven.ofThisBuild();
        String listing = System.getProperty("nicsim.exampleClasspath");
        assertThat(listing).as("nicsim.exampleClasspath (set by the module's pom)").isNotNull();
        List<String> stale = new java.util.ArrayList<>(PublishedArtifacts.stale(Files.readString(Path.of(listing)),
                maven.repository()));
        String version = Poms.read(Repository.ROOT.resolve("pom.xml")).version();
        PublishedArtifacts.comparePom(Repository.ROOT.resolve("pom.xml"), "io.nicsim", "nicsim", version,
                maven.repository(), stale);
        PublishedArtifacts.comparePom(Repository.ROOT.resolve("bench/pom.xml"), "io.nicsim", "bench", version,
                maven.repository(), stale);
        if (!stale.isEmpty()) {
            fail("the local Maven repository does not hold this build's nicsim artifacts, which the example builds"
                    + " against; publish them with `mvn install` (./nicsim test and ./nicsim install do): "
                    + String.join("; ", stale));
        }
        project = copy(Repository.EXAMPLE, work.resolve("handler-example"));
    }

    /** Copies the example without its target folder (a user's own build of it). */
    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return to;
    }

    @Test
    void itsBudgetTestPassesWithTheDefaultBudget() throws Exception {
        ChildMaven.Outcome build = maven.run(project, work.resolve("pass.log"), BUILD_TIMEOUT_SECONDS, "test");
        assertThat(build.exitCode()).as("mvn test of the example, default budget:\n%s", tail(build)).isZero();
        assertThat(report()).as("the budget test ran, once, and passed")
                .contains("tests=\"1\"", "failures=\"0\"", "errors=\"0\"", "skipped=\"0\"");
        assertThat(build.output()).as("its table").contains("platform-thread", "virtual-thread");
        Path runs = project.resolve("target/nicsim-runs");
        if (Files.isDirectory(runs)) {
            try (Stream<Path> left = Files.list(runs)) {
                assertThat(left).as("run folders of passed tests are removed").isEmpty();
            }
        }
    }

    @Test
    void itsBudgetTestFailsWithAnImpossibleBudgetAndKeepsTheRunFolder() throws Exception {
        ChildMaven.Outcome build = maven.run(project, work.resolve("fail.log"), BUILD_TIMEOUT_SECONDS, "test",
                "-Dtest=LookupHandlerBudgetTest", "-Dbudget.p99Micros=0.001");
        assertThat(build.exitCode()).as("mvn test of the example, impossible budget:\n%s", tail(build)).isNotZero();
        assertThat(report()).as("the budget test ran and failed").contains("tests=\"1\"", "failures=\"1\"");
        assertThat(build.output()).contains("p99 notification latency").contains("is over its budget of 0.00 us");
        Matcher kept = Pattern.compile("its run folder is kept: (\\S+)").matcher(build.output());
        assertThat(kept.find()).as("the output names the kept run folder:\n%s", tail(build)).isTrue();
        assertThat(Path.of(kept.group(1)).resolve("summary.json")).isRegularFile();
        assertThat(Path.of(kept.group(1))).startsWith(project.resolve("target/nicsim-runs"));
    }

    private static String report() throws IOException {
        return Files.readString(project.resolve("target/surefire-reports/TEST-" + BUDGET_TEST + ".xml"));
    }

    /** @return the build's last lines, for a failure's message */
    private static String tail(ChildMaven.Outcome build) {
        List<String> lines = build.output().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
