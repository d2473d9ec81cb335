package io.nicsim.bench.cluster;

import io.nicsim.bench.results.Comparison;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.run.RunOptions;
import io.nicsim.bench.run.RunSpec;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.StudyRunner;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.scenario.Scenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A comparison over a cluster assembles the folder a local comparison writes: summary.json with the runs in spec
 * order under their labels and the same ratios, each run's files under its {@code J-LABEL} sub-folder, report.html;
 * runs that ran on machines of another kind are named in a warning; a restarted coordinator runs only what is missing.
 */
@Tag("run")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterCompareTest {

    private static final List<String> VARIES = List.of("policy", "consumer");

    @TempDir
    Path dir;

    private static List<RunSpec> specs() throws Exception {
        Scenario coalesce = Fixtures.scenario("firmware.policy=coalesce");
        Scenario perPacket = Fixtures.scenario("firmware.policy=per-packet");
        return List.of(new RunSpec("coalesce/platform-thread", coalesce, "platform-thread"),
                new RunSpec("per-packet/platform-thread", perPacket, "platform-thread"),
                new RunSpec("per-packet/event-loop", perPacket, "event-loop"));
    }

    private ClusterCompare.Outcome compare(LocalDispatcher dispatcher, Path out, List<RunSpec> specs)
            throws Exception {
        return new ClusterCompare(dispatcher, new ClusterProgress(new Fixtures.Lines().progress, System::nanoTime),
                new StopSignal(), "test-host").run(specs.getFirst().scenario(), specs, VARIES, out,
                "nicsim compare test", List.of());
    }

    @Test
    void aComparisonOverTheClusterWritesTheFolderALocalOneWrites() throws Exception {
        List<RunSpec> specs = specs();
        Path local = dir.resolve("local");
        Summary expected = new StudyRunner(SystemNanoClock.INSTANCE, RunOptions.defaults(), 1)
                .run(specs.getFirst().scenario(), specs, VARIES, local, "nicsim compare test");
        Path cluster = dir.resolve("cluster");
        ClusterCompare.Outcome outcome;
        try (LocalDispatcher dispatcher = new LocalDispatcher(dir.resolve("scratch"), 2, DispatchListener.NONE)) {
            outcome = compare(dispatcher, cluster, specs);
        }
        assertThat(Fixtures.layout(cluster)).isEqualTo(Fixtures.layout(local))
                .contains("1-per-packet_platform-thread/notification.hgrm");
        Summary written = SummaryWriter.read(cluster.resolve(SummaryWriter.FILE_NAME));
        assertThat(written.runs()).extracting(RunResult::name)
                .containsExactly("coalesce/platform-thread", "per-packet/platform-thread", "per-packet/event-loop");
        assertThat(written.runs()).extracting(RunResult::consumer).containsExactlyElementsOf(
                expected.runs().stream().map(RunResult::consumer).toList());
        assertThat(written.runs().get(1).files()).containsEntry("hgrm",
                "1-per-packet_platform-thread/notification.hgrm");
        assertThat(written.comparison().entries()).extracting(Comparison.Entry::label)
                .containsExactlyElementsOf(expected.comparison().entries().stream().map(Comparison.Entry::label)
                        .toList());
        assertThat(written.comparison().varies()).isEqualTo(VARIES);
        assertThat(written.command()).isEqualTo("nicsim compare test");
        assertThat(written.interrupted()).isFalse();
        assertThat(cluster.resolve(ClusterCompare.STAGING)).doesNotExist();
        assertThat(outcome.machines()).isNull();
    }

    @Test
    void runsOnMachinesThatDifferAreNamedInAWarning() throws Exception {
        ClusterCompare.Outcome outcome;
        try (LocalDispatcher dispatcher = new LocalDispatcher(dir.resolve("scratch"), 2, DispatchListener.NONE)
                .onOtherMachine(2, "Other CPU @ 3GHz")) {
            outcome = compare(dispatcher, dir.resolve("out"), specs());
        }
        assertThat(outcome.machines()).startsWith("the runs ran on machines that differ (")
                .contains("Other CPU @ 3GHz").contains("their ratios compare the machines too");
    }

    @Test
    void aRestartedCoordinatorRunsOnlyTheRunsMissingFromTheComparison() throws Exception {
        Path out = dir.resolve("out");
        try (LocalDispatcher first = new LocalDispatcher(dir.resolve("scratch"), 2, DispatchListener.NONE)
                .failAlways(1)) {
            assertThat(compare(first, out, specs()).failed()).hasSize(1);
        }
        assertThat(out.resolve(ClusterCompare.STAGING)).isDirectory(); // kept until every run is in
        ClusterCompare.Outcome again;
        try (LocalDispatcher second = new LocalDispatcher(dir.resolve("scratch"), 2, DispatchListener.NONE)) {
            again = compare(second, out, specs());
            assertThat(second.submitted()).extracting(WorkItem::index).containsExactly(1);
        }
        assertThat(again.results()).extracting(ItemResult::status).containsExactly("resumed", "done", "resumed");
        assertThat(again.summary().runs()).hasSize(3);
        assertThat(out.resolve(ClusterCompare.STAGING)).doesNotExist();
        try (LocalDispatcher third = new LocalDispatcher(dir.resolve("scratch"), 2, DispatchListener.NONE)) {
            ClusterCompare.Outcome done = compare(third, out, specs()); // complete: its runs come from summary.json
            assertThat(third.submitted()).isEmpty();
            assertThat(done.summary().runs()).isEqualTo(again.summary().runs());
        }
        ClusterRecord.Item rerun = ClusterRecord.read(out.resolve(ClusterRecord.FILE_NAME)).items().get(1);
        assertThat(rerun.status()).isEqualTo("resumed");
        assertThat(rerun.attempts()).extracting(Attempt::outcome).containsExactly("failed", "failed", "done");
    }

    @Test
    void aComparisonWhoseEveryRunFailedSaysSoInOneLineNamingTheLastReason() throws Exception {
        Path out = dir.resolve("out");
        try (LocalDispatcher dispatcher = new LocalDispatcher(dir.resolve("scratch"), 2, DispatchListener.NONE)
                .failAlways(0, 1, 2)) {
            assertThatThrownBy(() -> compare(dispatcher, out, specs())).isInstanceOf(java.io.IOException.class)
                    .hasMessageStartingWith("every run failed on the cluster (last: nicsim run exited with 1")
                    .hasMessageEndingWith("every try is in " + out.resolve(ClusterRecord.FILE_NAME));
        }
    }
}
