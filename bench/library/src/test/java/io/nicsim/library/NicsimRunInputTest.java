package io.nicsim.library;

import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.handler.Packet;
import io.nicsim.handler.PacketHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Input the library cannot use: one exception, the command line's one-line message, nothing written (the run
 * folder is never made).
 */
class NicsimRunInputTest {

    @TempDir
    Path dir;

    /** A handler whose constructor fails, as one needing a missing service would. */
    public static final class FailingHandler implements PacketHandler {
        public FailingHandler() {
            throw new IllegalStateException("no service at localhost:1");
        }

        @Override
        public void handle(Packet packet) {
        }
    }

    private Path out() {
        return dir.resolve("out");
    }

    private void refused(NicsimRun run, String message) {
        assertThatThrownBy(run.outputFolder(out())::run).isInstanceOf(NicsimInputException.class)
                .hasMessage(message);
        assertThat(out()).doesNotExist();
    }

    @Test
    void anUnknownKeyIsTheSetErrorOfTheCommandLine() {
        refused(NicsimRun.defaultStudy().set("run.durationn=1s"),
                "--set: run.durationn: unknown key (did you mean run.duration?)");
    }

    @Test
    void aBadValueIsTheSetErrorOfTheCommandLine() {
        refused(NicsimRun.defaultStudy().set("run.duration", "fast"),
                "--set: run.duration: expected a duration such as 500ns, 10us, 1.5ms, 2s or 1m, found 'fast'");
    }

    @Test
    void aValueTypedWithALineBreakStaysOneLineAsTheCommandLineWritesIt() {
        refused(NicsimRun.defaultStudy().set("run.duration=fa\nst"),
                "--set: run.duration: expected a duration such as 500ns, 10us, 1.5ms, 2s or 1m, found 'fa\\nst'");
    }

    @Test
    void aMissingScenarioFileIsNamed() {
        Path missing = dir.resolve("missing.yaml");
        refused(NicsimRun.scenario(missing), missing + ": no such file");
    }

    @Test
    void anOutputFolderThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(NicsimRun.defaultStudy().outputFolder(file)::run)
                .isInstanceOf(NicsimInputException.class)
                .hasMessage("--out " + file + ": expected a folder, found a file");
    }

    @Test
    void aClassThatIsNoHandlerIsRefused() {
        refused(NicsimRun.defaultStudy().handler(String.class), "host.handler: java.lang.String is not a packet"
                + " handler: it implements neither io.nicsim.handler.PacketHandler nor"
                + " io.nicsim.handler.AsyncPacketHandler");
    }

    @Test
    void aHandlerWhoseConstructorFailsIsRefused() {
        refused(NicsimRun.defaultStudy().handler(FailingHandler.class), "host.handler: new "
                + FailingHandler.class.getName() + "() failed: IllegalStateException: no service at localhost:1");
    }

    @Test
    void aScenarioNamingAHandlerLoadsNoCode() {
        refused(NicsimRun.defaultStudy().set("host.handler=com.example.Missing"), "host.handler:"
                + " com.example.Missing: give the class to NicsimRun.handler(Class) (a scenario alone never loads"
                + " code)");
    }

    @Test
    void aVirtualRunsHostModelIsReadBeforeAnything() {
        Path model = dir.resolve("model.yaml");
        assertThatThrownBy(NicsimRun.defaultStudy().set("run.clock=virtual").set("run.hostModel=" + model)
                .outputFolder(out())::run).isInstanceOf(NicsimInputException.class)
                .hasMessageStartingWith("run.hostModel: ").hasMessageContaining(model.toString())
                .hasMessageNotContaining("\n");
        assertThat(out()).doesNotExist();
    }

    @Test
    void aStudyTheDiskCannotHoldIsRefusedAsTheCommandLineRefusesIt() throws Exception {
        var scenario = ScenarioLoader.load(null, List.of("traffic.ratePerSecond=10Mpps", "run.duration=10m",
                "run.rounds=1"));
        StringWriter log = new StringWriter();
        assertThatThrownBy(() -> Preflight.checkDisk(scenario, out(), new StopSignal(), new PrintWriter(log)))
                .isInstanceOf(NicsimInputException.class)
                .hasMessageStartingWith("not enough disk space: 4 run(s) need about ")
                .hasMessageEndingWith(" free (estimate: 10.0M pps x 601s x 204 B/packet per run); shorten"
                        + " run.duration, lower the rate or free space");
        assertThat(out()).doesNotExist();
    }

    @Test
    void theFlagsAJvmNeedsAreListed() {
        assertThat(NicsimRun.requiredJvmFlags()).contains("--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dchronicle.analytics.disable=true");
    }

    @Test
    void aDefaultFolderTakenGetsASuffix() throws Exception {
        Path base = dir.resolve("20260101-000000-x");
        assertThat(NicsimRun.firstFree(base)).isEqualTo(base);
        Files.createDirectories(base);
        Files.createDirectories(dir.resolve("20260101-000000-x-2"));
        assertThat(NicsimRun.firstFree(base)).isEqualTo(dir.resolve("20260101-000000-x-3"));
    }
}
