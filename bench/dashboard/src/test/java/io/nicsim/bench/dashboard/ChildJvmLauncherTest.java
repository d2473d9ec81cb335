package io.nicsim.bench.dashboard;

import io.nicsim.bench.process.ChildJvm;
import io.nicsim.bench.run.ParentWatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real launcher: a child JVM built as nicsim builds its own (ChildJvm), here running {@link SleepingMain} in place
 * of the command line; it keeps the launcher's contract and hands the child its arguments, its log and the server's
 * pid.
 */
@Tag("run")
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ChildJvmLauncherTest extends RunLauncherContract {

    private String main;

    @BeforeEach
    void standIn() {
        main = System.getProperty(ChildJvm.MAIN_PROPERTY);
        System.setProperty(ChildJvm.MAIN_PROPERTY, SleepingMain.class.getName());
    }

    @AfterEach
    void restore() {
        if (main == null) {
            System.clearProperty(ChildJvm.MAIN_PROPERTY);
        } else {
            System.setProperty(ChildJvm.MAIN_PROPERTY, main);
        }
    }

    @Override
    RunLauncher launcher() {
        return new ChildJvmLauncher();
    }

    @Test
    void theChildIsNicsimsCommandLineWithItsArgumentsItsLogAndTheServersPid() throws Exception {
        List<String> args = List.of("run", "s.yaml", "--live", "--out", "runs/x", "--exit-with-parent");
        Path log = dir.resolve("x.log");

        ProcessBuilder builder = ChildJvmLauncher.builder(args, log);
        assertThat(builder.command()).isEqualTo(ChildJvm.nicsim(args));
        assertThat(builder.environment()).containsEntry(ParentWatch.PARENT_PID_ENV,
                String.valueOf(ProcessHandle.current().pid()));
        RunLauncher.Launched child = launcher().launch(args, log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (!Files.exists(log) || !Files.readString(log).contains("started ")) {
                assertThat(child.exitCode()).as("the child ended early: %s", Files.exists(log)
                        ? Files.readString(log) : "no log").isNull();
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(Files.readString(log)).contains("started " + String.join(" ", args));
        } finally {
            child.stop();
        }
    }
}
