package io.nicsim.junit;

import io.nicsim.bench.results.RunFolder;
import io.nicsim.library.ConsumerResult;
import io.nicsim.library.NicsimResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension seen from outside: sample tests run through the JUnit Platform, each on a short virtual-time
 * scenario; what they resolved, how they ended, which run folders stayed and what was printed.
 */
@Tag("run")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NicsimExtensionTest {

    /** Where the samples' run folders go, relative to the working folder (bench/ under surefire). */
    static final String OUT = "target/nicsim-extension-test";

    private static final Map<String, TestExecutionResult> RESULTS = new ConcurrentHashMap<>();
    private static final Map<String, String> REPORTED = new ConcurrentHashMap<>();
    private static String printed;

    /** Not run by surefire itself (a static nested class): run by {@link #runSamples()}. */
    @ExtendWith(NicsimExtension.class)
    static class Samples {

        @Test
        @NicsimScenario(set = {"run.clock=virtual", "host.consumer=busy-poll", "run.duration=100ms",
            "run.warmup=20ms"}, out = OUT)
        void passes(ConsumerResult run) {
            LatencyBudget.assertThat(run).hasNoDrops().p99AtMostMicros(1_000_000);
        }

        @Test
        @NicsimScenario(set = {"run.clock=virtual", "host.consumer=busy-poll", "run.duration=100ms",
            "run.warmup=20ms"}, out = OUT)
        void failsItsBudget(ConsumerResult run) {
            LatencyBudget.assertThat(run).p99AtMostMicros(0.001);
        }

        @Test
        @NicsimScenario(set = {"run.clock=virtual", "host.consumer=busy-poll", "run.duration=100ms",
            "run.warmup=20ms"}, out = OUT, keep = true)
        void passesAndKeeps(NicsimResult result) {
            assertThat(result.consumers()).hasSize(1);
        }

        @Test
        @NicsimScenario(set = "run.durationn=1s", out = OUT)
        void badInput(NicsimResult result) {
        }

        @Test
        @NicsimScenario(set = {"run.clock=virtual", "run.duration=100ms", "run.warmup=20ms"}, out = OUT)
        void oneOfFour(ConsumerResult run) {
        }

        @Test
        void noScenario(NicsimResult result) {
        }
    }

    @BeforeAll
    static void runSamples() throws Exception {
        RunFolder.deleteTree(Path.of(OUT));
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(Samples.class)).build(), new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                            if (test.isTest()) {
                                RESULTS.put(method(test), result);
                            }
                        }

                        @Override
                        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                            entry.getKeyValuePairs().forEach((key, value) -> REPORTED.put(method(test) + " " + key,
                                    value));
                        }
                    });
        } finally {
            System.setErr(err);
        }
        printed = captured.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void removeRuns() throws Exception {
        RunFolder.deleteTree(Path.of(OUT));
    }

    private static String method(TestIdentifier test) {
        String name = test.getDisplayName();
        return name.contains("(") ? name.substring(0, name.indexOf('(')) : name;
    }

    private static List<Path> folders(String method) throws Exception {
        if (!Files.isDirectory(Path.of(OUT))) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(Path.of(OUT))) {
            return folders.filter(f -> f.getFileName().toString().endsWith("-Samples." + method)).toList();
        }
    }

    private static Throwable failure(String method) {
        TestExecutionResult result = RESULTS.get(method);
        assertThat(result).as(method).isNotNull();
        assertThat(result.getStatus()).as(method).isEqualTo(TestExecutionResult.Status.FAILED);
        return result.getThrowable().orElseThrow();
    }

    @Test
    void aPassedTestsRunFolderIsRemoved() throws Exception {
        assertThat(RESULTS.get("passes").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(folders("passes")).isEmpty();
        assertThat(printed).doesNotContain("passes()");
    }

    @Test
    void aFailedTestsRunFolderIsKeptAndItsPathPrintedAndReported() throws Exception {
        Throwable error = failure("failsItsBudget");
        List<Path> kept = folders("failsItsBudget");
        assertThat(kept).hasSize(1);
        Path folder = kept.getFirst().toAbsolutePath();
        assertThat(folder.resolve("summary.json")).isRegularFile();
        assertThat(error).isInstanceOf(org.opentest4j.AssertionFailedError.class)
                .hasMessageStartingWith("busy-poll: p99 notification latency ")
                .hasMessageEndingWith(" us is over its budget of 0.00 us (run folder: " + folder + ")");
        assertThat(printed).contains("nicsim: failsItsBudget(ConsumerResult) failed; its run folder is kept: "
                + folder + System.lineSeparator());
        assertThat(REPORTED).containsEntry("failsItsBudget " + NicsimExtension.REPORT_KEY, folder.toString());
    }

    @Test
    void aRunKeptOnPurposeStaysAfterAPass() throws Exception {
        assertThat(RESULTS.get("passesAndKeeps").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(folders("passesAndKeeps")).hasSize(1);
        assertThat(printed).contains("nicsim: passesAndKeeps(NicsimResult) passed; its run folder is kept: ");
    }

    @Test
    void badInputFailsTheTestWithTheLibrarysLineAndWritesNothing() throws Exception {
        assertThat(failure("badInput")).isInstanceOf(io.nicsim.library.NicsimInputException.class)
                .hasMessage("--set: run.durationn: unknown key (did you mean run.duration?)");
        assertThat(folders("badInput")).isEmpty();
    }

    @Test
    void aConsumerResultOfAFourConsumerRunNamesThem() {
        assertThat(failure("oneOfFour")).isInstanceOf(
                        org.junit.jupiter.api.extension.ParameterResolutionException.class)
                .hasMessageContaining("the scenario ran 4 consumers (busy-poll, platform-thread, virtual-thread,"
                        + " event-loop): take a NicsimResult and pick one with consumer(name)");
    }

    @Test
    void aResultWithoutAScenarioSaysWhatIsMissing() {
        assertThat(failure("noScenario")).hasMessageContaining("a NicsimResult parameter needs its method annotated"
                + " with @NicsimScenario naming the scenario");
    }
}
