package io.nicsim.bench.cluster;

import io.nicsim.bench.process.ChildJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real runner's child JVMs, with a stand-in for nicsim's command line ({@link FakeNicsimRun}): the contract, the
 * command line it builds, and the run arguments it refuses.
 */
@Tag("run")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ChildJvmRunnerTest extends ItemRunnerContract {

    private static String previous;

    @BeforeAll
    static void standIn() {
        previous = System.setProperty(ChildJvm.MAIN_PROPERTY, FakeNicsimRun.class.getName());
    }

    @AfterAll
    static void restore() {
        if (previous == null) {
            System.clearProperty(ChildJvm.MAIN_PROPERTY);
        } else {
            System.setProperty(ChildJvm.MAIN_PROPERTY, previous);
        }
    }

    @Override
    ItemRunner runner() {
        return new ChildJvmRunner(List.of(Path.of("/opt/handlers/mine.jar")), 2_000);
    }

    @Test
    void theRunGetsTheWorkersJarsTheItemsCommandAndItsArgumentsLast() throws Exception {
        ItemRunner.Running running = runner().start(item(3, "50ms"), Files.createDirectories(tmp.resolve("i3")));
        running.exited().get();
        assertThat(Files.readString(tmp.resolve("i3").resolve("run.log"))).contains("fake nicsim run "
                + tmp.resolve("i3").resolve("scenario.yaml") + " --out " + tmp.resolve("i3").resolve("p3")
                + " --quiet --command=nicsim sweep tiny --point 3 --exit-with-parent --handler-jar"
                + " /opt/handlers/mine.jar --duration 50ms");
        assertThat(Files.readString(tmp.resolve("i3").resolve("scenario.yaml"))).isEqualTo("name: tiny\n");
    }

    @Test
    void runArgumentsThatWouldBringCodeOrWriteElsewhereAreRefused() {
        for (String arg : List.of("--handler-jar", "--handler-jar=/tmp/evil.jar", "--out", "--out=/etc",
                "--command", "--exit-with-parent")) {
            WorkItem item = new WorkItem(4, "p4", "p4", "name: tiny\n", List.of("--set", "a=b", arg, "x"), "c", true);
            assertThat(ChildJvmRunner.refusal(item.runArgs())).as(arg).contains("only the worker sets");
            assertThatThrownBy(() -> runner().start(item, tmp)).as(arg).hasMessageContaining("only the worker sets");
        }
        assertThat(ChildJvmRunner.refusal(List.of("--set", "run.clock=virtual", "--export-packets"))).isNull();
    }
}
