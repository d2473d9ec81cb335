package io.nicsim.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nicsim.bench.run.virtual.HostModelFiles;
import io.nicsim.host.model.HostModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code nicsim calibrate} with tiny probes of one kind: its file loads and a virtual run uses it. */
@Tag("run")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CalibrateCommandTest {

    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    private static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void calibratesAFileAVirtualRunUses() throws Exception {
        Path file = dir.resolve("host-model.yaml");
        Outcome calibrated = execute("calibrate", "--quiet", "--duration", "150ms", "--kinds", "platform-thread",
                "--out", file.toString());
        assertThat(calibrated.code()).as(calibrated.err()).isZero();
        assertThat(calibrated.out()).contains("platform-thread").contains("host model written to " + file)
                .contains("use it: --set run.clock=virtual --set run.hostModel=" + file);
        HostModel model = HostModelFiles.load(file.toString());
        assertThat(model.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(Files.readString(file)).contains("version: 1").contains("platform-thread:   # ")
                .contains("nicsim calibrate --quiet --duration 150ms");

        Path runDir = dir.resolve("run");
        Outcome run = execute("run", "--quiet", "--out", runDir.toString(), "--set", "run.clock=virtual",
                "--set", "run.hostModel=" + file, "--set", "host.consumer=platform-thread", "--set", "run.warmup=10ms",
                "--duration", "100ms");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        assertThat(summary.get("runs").get(0).get("hostModel").asText()).isEqualTo(file.toString());
    }
}
