package io.nicsim.bench.perf;

import io.nicsim.bench.cli.NicsimCli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad options of the benchmark commands exit 2 with one "error: " line, before anything runs. */
class BenchCommandErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "floor --rounds 0", "floor --rate 0", "floor --rate 5kbps", "floor --traffic bursty", "floor --duration 1y",
            "throughput --config 12", "throughput --max-trials 0", "throughput --start-rate 0",
            "throughput --traffic bursty", "throughput --attempts 0", "throughput --lateness-percentile 100",
            "pacing --rates 0", "pacing --traffic bursty",
            "pacing --duration soon", "validation --study all", "validation --duration 0s",
            "validation --host-model no-such-model.yaml", "validation --study shapes --scenarios no-such-folder",
            "soak --duration 1s", "soak --sample-interval 2m", "soak --rate 0", "soak --policy none",
            "soak --consumer nobody", "soak --set traffic.flows=0", "soak --gc-interval soon",
            "soak --rate 10Mpps --duration 60m"})
    void rejectsBadOptionsWithOneLine(String args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(out), new PrintWriter(err))
                .execute(("bench " + args).split(" "));

        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(2);
        assertThat(err.toString().lines().toList()).hasSize(1).first().asString().startsWith("error: ");
        assertThat(out.toString()).doesNotContain("round", "pps:");
    }
}
