package io.nicsim.bench.cli;

import io.nicsim.bench.cluster.ClusterException;
import io.nicsim.bench.results.RunFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --cluster} on sweep, compare and tune: what a cluster cannot run, bad cluster flags, a cluster that cannot be
 * joined and a folder of another study are each one line, exit 2, with nothing written. No run starts.
 */
class ClusterFlagsTest {

    private static final String MEMBER = "127.0.0.1:5701";

    @TempDir
    Path dir;

    @AfterEach
    void realJoin() {
        ClusterStudy.join = io.nicsim.bench.cluster.Coordinator::join;
    }

    private CliOutcome refused(List<String> args, Path out) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--out", out.toString()));
        CliOutcome outcome = CliOutcome.of(all);
        assertThat(outcome.code()).as("%s: %s", args, outcome.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(outcome.err().lines().toList()).as("%s", args).singleElement();
        return outcome;
    }

    private static List<String> sweep(String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "--set", "run.clock=virtual", "--set",
                "firmware.policy=coalesce", "--param", "firmware.rxUsecs=8,16"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void whatACoordinatorCannotDoIsRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("out");
        assertThat(refused(sweep("--cluster", MEMBER, "--keep-journal"), out).err())
                .startsWith("error: --keep-journal: not with --cluster: each run's journal stays on the worker");
        assertThat(refused(List.of("compare", "--consumers", "platform-thread,event-loop", "--set",
                "run.keepJournal=always", "--cluster", MEMBER), out).err())
                .startsWith("error: run.keepJournal=always: not with --cluster");
        assertThat(refused(List.of("compare", "--consumers", "platform-thread,event-loop", "--set",
                "traffic.kind=udp", "--cluster", MEMBER), out).err())
                .startsWith("error: traffic.kind=udp: not with --cluster");
        assertThat(refused(sweep("--bind", "127.0.0.1"), out).err())
                .startsWith("error: --bind: only with --cluster");
        assertThat(refused(sweep("--cluster", "nohost"), out).err())
                .startsWith("error: --cluster: expected HOST:PORT, found 'nohost'");
        assertThat(refused(List.of("tune", "--clock", "virtual", "--set", "firmware.policy=coalesce", "--set",
                "host.consumer=platform-thread", "--cluster", MEMBER, "--bind", "0.0.0.0"), out).err())
                .startsWith("error: --bind 0.0.0.0: name one address");
        assertThat(out).doesNotExist();
    }

    @Test
    void aClusterThatCannotBeJoinedIsOneLineWithNothingWritten() {
        ClusterStudy.join = (options, listener, timeout) -> {
            throw new ClusterException("no member answered at " + options.members().getFirst() + " within "
                    + timeout.toSeconds() + "s");
        };
        Path out = dir.resolve("out");
        for (List<String> args : List.of(sweep("--cluster", MEMBER), List.of("compare", "--set",
                "run.clock=virtual", "--consumers", "platform-thread,event-loop", "--cluster", MEMBER),
                List.of("tune", "--clock", "virtual", "--set", "firmware.policy=coalesce", "--set",
                        "host.consumer=platform-thread", "--cluster", MEMBER))) {
            assertThat(refused(args, out).err()).isEqualTo("error: --cluster " + MEMBER + ": no member answered at "
                    + MEMBER + " within 30s\n");
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void aFolderOfAStudyThatDidNotRunOnTheClusterIsNotResumed() throws Exception {
        Path out = RunFolder.create(dir.resolve("local-sweep"));
        Files.writeString(out.resolve("sweep.json"), "{}");
        ClusterStudy.join = (options, listener, timeout) -> {
            throw new AssertionError("joined before the folder was checked");
        };
        assertThat(refused(sweep("--cluster", MEMBER), out).err()).startsWith("error: --out " + out
                + ": holds a study that did not run over a cluster (no cluster.json)");
        assertThat(out.resolve("cluster.json")).doesNotExist();
    }
}
