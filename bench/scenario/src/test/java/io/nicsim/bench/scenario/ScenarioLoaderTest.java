package io.nicsim.bench.scenario;

import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.nic.traffic.TrafficConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Pins scenario loading: defaults, every section's typed view, --set precedence, and one-line errors naming source, key
 * and expected/found.
 */
class ScenarioLoaderTest {

    private static final List<String> ALL_CONSUMERS =
            List.of("busy-poll", "platform-thread", "virtual-thread", "event-loop");

    private static final String FULL = """
            name: full-study
            traffic:
              kind: constant
              ratePerSecond: 50kpps
              seed: -42
              flows: 8
              frameBytes: 1500
              highPriorityShare: 25%
            nic:
            firmware:
              policy: coalesce
              rxUsecs: 20
              rxFrames: 16
              pollIntervalNanos: 2us
            host:
              consumer: event-loop
              handlerWorkNanos: 1.5us
              handlerBlockNanos: 40us
              workers: 3
              socketSlots: 64
              placement: separate
              deviceIdle: yield
              dispatcherIdle: backoff
            run:
              duration: 250ms
              warmup: 0
              drainTimeout: 2s
              queueStaging: none
            """;

    @TempDir
    Path dir;

    private Path write(String fileName, String yaml) throws IOException {
        return Files.writeString(dir.resolve(fileName), yaml);
    }

    @Test
    void defaultsWithoutAFile() throws ScenarioException {
        Scenario scenario = ScenarioLoader.load(null, List.of());
        assertThat(scenario.name()).isEqualTo("default-study").isEqualTo(ScenarioLoader.DEFAULT_NAME);
        assertThat(scenario.host().consumers()).containsExactlyElementsOf(ALL_CONSUMERS);
        assertThat(scenario.firmware().policy()).isEqualTo("per-packet");
        assertThat(scenario.run().durationNanos()).isEqualTo(5_000_000_000L);
        assertThat(scenario.run().warmupNanos()).isEqualTo(1_000_000_000L);
        assertThat(scenario.traffic()).isEqualTo(TrafficConfig.DEFAULTS);
        assertThat(scenario.firmware()).isEqualTo(FirmwareConfig.DEFAULTS);
    }

    @Test
    void anEmptyFileIsTheDefaultsNamedAfterTheFile() throws Exception {
        Scenario scenario = ScenarioLoader.load(write("quiet.yaml", ""), List.of());
        assertThat(scenario.name()).isEqualTo("quiet");
        assertThat(scenario.traffic()).isEqualTo(TrafficConfig.DEFAULTS);
        assertThat(scenario.host().consumers()).containsExactlyElementsOf(ALL_CONSUMERS);
    }

    @Test
    void aFileWithEverySectionSetsEveryTypedView() throws Exception {
        Scenario scenario = ScenarioLoader.load(write("full.yaml", FULL), List.of());
        assertThat(scenario.name()).isEqualTo("full-study");
        assertThat(scenario.traffic()).isEqualTo(new TrafficConfig("constant", 50_000.0, -42, 8, 1500)
                .withHighPriorityShare(0.25));
        assertThat(scenario.firmware()).isEqualTo(FirmwareConfig.DEFAULTS.withPolicy("coalesce").withCoalescing(20, 16)
                .withPollIntervalNanos(2_000));
        HostConfig host = scenario.host();
        assertThat(host.consumers()).containsExactly("event-loop");
        assertThat(host.handlerWorkNanos()).isEqualTo(1_500);
        assertThat(host.handlerBlockNanos()).isEqualTo(40_000);
        assertThat(host.workers()).isEqualTo(3);
        assertThat(host.workersOrCores()).isEqualTo(3);
        assertThat(host.socketSlots()).isEqualTo(64);
        assertThat(host.placement()).isEqualTo("separate");
        assertThat(host.deviceIdle()).isEqualTo("yield");
        assertThat(host.dispatcherIdle()).isEqualTo("backoff");
        RunConfig run = scenario.run();
        assertThat(run.durationNanos()).isEqualTo(250_000_000L);
        assertThat(run.warmupNanos()).isZero();
        assertThat(run.drainTimeoutNanos()).isEqualTo(2_000_000_000L);
        assertThat(run.queueStaging()).isEqualTo("none");
    }

    @Test
    void withoutANameKeyTheFileNameIsTheName() throws Exception {
        Scenario scenario = ScenarioLoader.load(write("coalesce-20us.yml", "traffic:\n  flows: 2\n"), List.of());
        assertThat(scenario.name()).isEqualTo("coalesce-20us");
        assertThat(scenario.traffic().flows()).isEqualTo(2);
    }

    @Test
    void consumerTakesOneNameAListOrACommaSeparatedSet() throws Exception {
        Scenario one = ScenarioLoader.load(write("one.yaml", "host:\n  consumer: virtual-thread\n"), List.of());
        assertThat(one.host().consumers()).containsExactly("virtual-thread");

        Scenario list = ScenarioLoader.load(
                write("list.yaml", "host:\n  consumer:\n    - event-loop\n    - busy-poll\n"), List.of());
        assertThat(list.host().consumers()).containsExactly("event-loop", "busy-poll");

        Scenario flow = ScenarioLoader.load(write("flow.yaml", "host:\n  consumer: [platform-thread]\n"), List.of());
        assertThat(flow.host().consumers()).containsExactly("platform-thread");

        Scenario set = ScenarioLoader.load(null, List.of("host.consumer=busy-poll, platform-thread,event-loop"));
        assertThat(set.host().consumers()).containsExactly("busy-poll", "platform-thread", "event-loop");
    }

    @Test
    void setOverridesApplyAfterTheFileInOrder() throws Exception {
        Path file = write("full.yaml", FULL);
        Scenario scenario = ScenarioLoader.load(file, List.of("traffic.flows=3", "run.duration=1s",
                "host.consumer=busy-poll", "traffic.flows=5", "firmware.policy=per-packet"));
        assertThat(scenario.traffic().flows()).isEqualTo(5);
        assertThat(scenario.run().durationNanos()).isEqualTo(1_000_000_000L);
        assertThat(scenario.host().consumers()).containsExactly("busy-poll");
        assertThat(scenario.firmware().policy()).isEqualTo("per-packet");
        // untouched keys keep the file's value, not the default
        assertThat(scenario.traffic().ratePerSecond()).isEqualTo(50_000.0);
        assertThat(scenario.name()).isEqualTo("full-study");
    }

    @Test
    void setCanRepairAFileValueThatFailsCrossKeyValidation() throws Exception {
        Path file = write("never.yaml", "firmware:\n  policy: coalesce\n  rxUsecs: 0\n  rxFrames: 0\n");
        assertThatThrownBy(() -> ScenarioLoader.load(file, List.of())).isInstanceOf(ScenarioException.class);
        Scenario fixed = ScenarioLoader.load(file, List.of("firmware.rxFrames=1"));
        assertThat(fixed.firmware()).isEqualTo(FirmwareConfig.DEFAULTS.withPolicy("coalesce").withCoalescing(0, 1)
                .withPollIntervalNanos(0));
    }

    @Test
    void withConsumerNarrowsToOneConsumerAndKeepsTheRest() throws Exception {
        Scenario scenario = ScenarioLoader.load(write("full.yaml", FULL), List.of());
        Scenario narrowed = scenario.withConsumer("busy-poll");
        assertThat(narrowed.host().consumers()).containsExactly("busy-poll");
        assertThat(narrowed.traffic()).isEqualTo(scenario.traffic());
        assertThat(scenario.host().consumers()).containsExactly("event-loop");
    }

    /**
     * One bad input: a file body (null = no file, "<missing>" = a path that does not exist), overrides, and what the
     * message must say.
     */
    record Bad(String what, String yaml, List<String> sets, String keyPath, List<String> says) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Bad> badInputs() {
        return Stream.of(
                new Bad("unknown key with did-you-mean", "firmware:\n  rxFrams: 8\n", List.of(), "firmware.rxFrams",
                        List.of("unknown key", "(did you mean firmware.rxFrames?)")),
                new Bad("unknown section", "trafic:\n  flows: 2\n", List.of(), "trafic",
                        List.of("unknown section", "expected one of name, traffic", "(did you mean traffic?)")),
                new Bad("mapping where a number is expected", "traffic:\n  flows:\n    count: 2\n", List.of(),
                        "traffic.flows", List.of("expected a", "integer", "found a mapping")),
                new Bad("list for a scalar", "traffic:\n  kind: [poisson, constant]\n", List.of(), "traffic.kind",
                        List.of("expected a name", "found a list")),
                new Bad("list for a number", "run:\n  duration: [1s]\n", List.of(), "run.duration",
                        List.of("expected a duration", "found a list")),
                new Bad("negative rate", "traffic:\n  ratePerSecond: -5\n", List.of(), "traffic.ratePerSecond",
                        List.of("expected a rate", "found '-5'")),
                new Bad("zero rate", "traffic:\n  ratePerSecond: 0\n", List.of(), "traffic.ratePerSecond",
                        List.of("expected a rate above 0", "found '0'")),
                new Bad("rate 'fast'", "traffic:\n  ratePerSecond: fast\n", List.of(), "traffic.ratePerSecond",
                        List.of("expected a rate such as", "found 'fast'")),
                new Bad("unknown policy with suggestion", "firmware:\n  policy: coalese\n", List.of(),
                        "firmware.policy", List.of("expected one of", "found 'coalese'", "(did you mean coalesce?)")),
                new Bad("unknown consumer", "host:\n  consumer: [event-loop, busypoll]\n", List.of(), "host.consumer",
                        List.of("expected one of", "found 'busypoll'", "(did you mean busy-poll?)")),
                new Bad("coalesce with rxUsecs=0 and rxFrames=0",
                        "firmware:\n  policy: coalesce\n  rxUsecs: 0\n  rxFrames: 0\n", List.of(), "firmware.rxFrames",
                        List.of("coalesce needs rxUsecs > 0 or rxFrames > 0", "found both 0")),
                new Bad("run.duration=0 in the file", "run:\n  duration: 0s\n", List.of(), "run.duration",
                        List.of("expected a duration above 0", "found '0'")),
                new Bad("missing file", "<missing>", List.of(), null, List.of("no such file")),
                new Bad("--set without '='", null, List.of("traffic.flows"), null,
                        List.of("expected key=value", "found 'traffic.flows'")),
                new Bad("--set with an empty key", null, List.of("=5"), null,
                        List.of("expected key=value", "found '=5'")),
                new Bad("--set unknown key", null, List.of("traffic.flow=2"), "traffic.flow",
                        List.of("unknown key", "(did you mean traffic.flows?)")),
                new Bad("traffic.flows=0", "traffic:\n  flows: 0\n", List.of(), "traffic.flows",
                        List.of("expected an integer in [1, ", "found '0'")),
                new Bad("non-integer rxFrames", "firmware:\n  rxFrames: 8.5\n", List.of(), "firmware.rxFrames",
                        List.of("expected an integer", "found '8.5'")),
                new Bad("negative duration", "run:\n  warmup: -1s\n", List.of(), "run.warmup",
                        List.of("expected a duration such as", "found '-1s'")),
                new Bad("fractional nanoseconds", "host:\n  handlerWorkNanos: 1.5ns\n", List.of(),
                        "host.handlerWorkNanos", List.of("whole number of nanoseconds", "found '1.5ns'")),
                new Bad("section that is not a mapping", "firmware: 5\n", List.of(), "firmware",
                        List.of("expected a mapping of keys", "found '5'")),
                new Bad("file that is a list", "- traffic\n- run\n", List.of(), null,
                        List.of("expected a mapping of sections", "found a list")),
                new Bad("empty consumer list", "host:\n  consumer: []\n", List.of(), "host.consumer",
                        List.of("expected at least one name")),
                new Bad("non-string name", "name: [a, b]\n", List.of(), "name",
                        List.of("expected a non-empty string", "found a list")),
                new Bad("--set run.duration=0 without a file", null, List.of("run.duration=0"), "run.duration",
                        List.of("expected a duration above 0")),
                new Bad("--set bad duration", null, List.of("run.duration=fast"), "run.duration",
                        List.of("expected a duration such as", "found 'fast'")),
                new Bad("--set unknown placement", null, List.of("host.placement=shraed"), "host.placement",
                        List.of("expected one of", "found 'shraed'", "(did you mean shared?)")),
                new Bad("--set bad value after a good file", "traffic:\n  flows: 2\n",
                        List.of("traffic.frameBytes=-64"),
                        "traffic.frameBytes", List.of("expected an integer in [1, ", "found '-64'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputGivesAOneLineScenarioExceptionNamingSourceKeyAndProblem(Bad bad) throws IOException {
        Path file = bad.yaml() == null ? null
                : bad.yaml().equals("<missing>") ? dir.resolve("does-not-exist.yaml")
                : write("bad.yaml", bad.yaml());
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioLoader.load(file, bad.sets()));

        assertThat(e).as("%s must be rejected with a ScenarioException", bad.what()).isNotNull();
        String message = e.getMessage();
        assertThat(message).as("one line").doesNotContain("\n").doesNotContain("\r");
        String source = java.util.regex.Pattern.quote(bad.sets().isEmpty() ? file.toString() : "--set")
                + (bad.sets().isEmpty() ? "(:\\d+:\\d+)?" : "");
        assertThat(message).as("names the source (and line:col in a file)").containsPattern("^" + source + ": ");
        if (bad.keyPath() != null) {
            assertThat(message).as("names the key")
                    .containsPattern("^" + source + ": " + java.util.regex.Pattern.quote(bad.keyPath()) + ": ");
        }
        for (String fragment : bad.says()) {
            assertThat(message).contains(fragment);
        }
    }

    private static final String INVALID_YAML = "traffic:\n  flows: [1, 2\nrun:\n  duration: 1s\n";

    @Test
    void invalidYamlNamesTheFileWithLineAndColumn() throws IOException {
        Path file = write("broken.yaml", INVALID_YAML);
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file, List.of()));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).containsPattern("^" + Pattern.quote(file.toString())
                + ":\\d+:\\d+: not valid YAML: ");
    }

    @Test
    void invalidYamlGivesAOneLineMessage() throws IOException {
        Path file = write("broken.yaml", INVALID_YAML);
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file, List.of()));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).as("one line").doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void valuesWithLineBreaksStillGiveAOneLineMessage() throws IOException {
        Path file = write("breaks.yaml", "traffic:\n  kind: \"pois\\nson\"\n");
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file, List.of()));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith(file + ":2:9: traffic.kind: ").doesNotContain("\n");
    }

    @Test
    void aRateTooLargeForADoubleIsRejectedNotInfinite() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioLoader.load(null, List.of("traffic.ratePerSecond=1e400")));
        assertThat(e).as("1e400 pps overflows to Infinity; it must be rejected like any other bad rate").isNotNull();
        assertThat(e.getMessage()).startsWith("--set: traffic.ratePerSecond: expected ");
    }

    @Test
    void keepJournalAutoLeavesItToTheCommandForPacedRunsAndKeepsNoneOfAVirtualRun() throws Exception {
        RunConfig auto = ScenarioLoader.load(null, List.of()).run();
        assertThat(auto.keepJournal()).isEqualTo(RunConfig.KEEP_JOURNAL_AUTO);
        assertThat(auto.keepsJournal(true)).as("nicsim run, compare").isTrue();
        assertThat(auto.keepsJournal(false)).as("a sweep's or tune's point").isFalse();
        assertThat(ScenarioLoader.load(null, List.of("run.clock=virtual")).run().keepsJournal(true)).isFalse();
        RunConfig always = ScenarioLoader.load(null, List.of("run.keepJournal=always", "run.clock=virtual")).run();
        assertThat(always.keepsJournal(false)).isTrue();
        assertThat(ScenarioLoader.load(null, List.of("run.keepJournal=never")).run().keepsJournal(true)).isFalse();
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(null, List.of("run.keepJournal=yes")));
        assertThat(e.getMessage()).startsWith("--set: run.keepJournal: ").contains("auto", "always", "never");
    }

    @Test
    void anEditorsTextReadsAsTheFileItIsShownAs(@TempDir Path dir) throws Exception {
        Path shown = dir.resolve("study/edited.yaml"); // never written: the text is the editor's
        Files.createDirectories(dir.resolve("study/traces"));
        Files.writeString(dir.resolve("study/traces/t.csv"), "0,0,64\n10,1,64\n");

        Scenario scenario = ScenarioLoader.load("traffic:\n  kind: trace\n  traceFile: traces/t.csv\n", shown,
                List.of("host.consumer=busy-poll"));

        assertThat(scenario.name()).isEqualTo("edited");
        assertThat(scenario.traffic().traceFile()).as("resolved against the shown file's folder")
                .isEqualTo(dir.resolve("study/traces/t.csv").toAbsolutePath().toString());
        assertThat(scenario.host().consumers()).containsExactly("busy-poll");
        Files.writeString(dir.resolve("on-disk.yaml"), "firmware:\n  policy: napi\n  budgit: 64\n");
        String fromFile = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioLoader.load(dir.resolve("on-disk.yaml"), List.of())).getMessage();
        String fromText = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioLoader.load("firmware:\n  policy: napi\n  budgit: 64\n", shown, List.of()))
                .getMessage();
        assertThat(fromText).as("the same message as the file's, naming the shown file")
                .isEqualTo(fromFile.replace(dir.resolve("on-disk.yaml").toString(), shown.toString()))
                .startsWith(shown + ":3:3: firmware.budgit: unknown key");
    }
}
