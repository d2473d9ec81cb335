package io.nicsim.bench.dashboard;

import io.nicsim.bench.process.ChildJvm;
import io.nicsim.bench.run.ParentWatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChildJvmLauncherTest {

    private final String main = System.getProperty(ChildJvm.MAIN_PROPERTY);

    @AfterEach
    void restore() {
        if (main == null) {
            System.clearProperty(ChildJvm.MAIN_PROPERTY);
        } else {
            System.setProperty(ChildJvm.MAIN_PROPERTY, main);
        }
    }

    @Test
    void aRunIsNicsimsCommandLineInAJvmLikeThisOneWatchingTheServer() {
        System.setProperty(ChildJvm.MAIN_PROPERTY, "io.nicsim.bench.cli.NicsimCli");
        List<String> args = List.of("run", "s.yaml", "--live", "--out", "runs/x", "--exit-with-parent");

        ProcessBuilder builder = ChildJvmLauncher.builder(args, Path.of("runs/.dashboard/logs/x.log"));

        assertThat(builder.command()).isEqualTo(ChildJvm.nicsim(args));
        assertThat(builder.command().subList(builder.command().size() - 7, builder.command().size()))
                .containsExactly("io.nicsim.bench.cli.NicsimCli", "run", "s.yaml", "--live", "--out", "runs/x",
                        "--exit-with-parent");
        assertThat(builder.environment()).containsEntry(ParentWatch.PARENT_PID_ENV,
                String.valueOf(ProcessHandle.current().pid()));
        assertThat(builder.redirectErrorStream()).isTrue();
        assertThat(builder.redirectOutput().file()).isEqualTo(Path.of("runs/.dashboard/logs/x.log").toFile());
    }
}
