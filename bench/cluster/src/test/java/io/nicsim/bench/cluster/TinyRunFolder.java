package io.nicsim.bench.cluster;

import io.nicsim.bench.results.Environment;
import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A small run folder that passes a coordinator's checks: a summary.json of one run, a histogram file, a mark. */
final class TinyRunFolder {

    private TinyRunFolder() {
    }

    /** Writes the folder {@code runDir}, its summary recording {@code command}; @return it */
    static Path write(Path runDir, String command) throws IOException {
        Files.createDirectories(runDir.resolve("0-busy-poll"));
        RunResult.PacketCounts packets = new RunResult.PacketCounts(10, 10, 0, Map.of(), 10);
        LatencySummary latency = new LatencySummary(10, 900, 1_000, 2_000, 3_000, 4_000, 5_000, 1_500.0);
        RunResult run = new RunResult(new RunResult.What("busy-poll", null, "per-packet", null, null),
                new RunResult.Setup(Map.of("policy", "per-packet"), Map.of("kind", "poisson"), null, null),
                new RunResult.Counts(packets, 0, 0, 0, null),
                new RunResult.Latencies(new RunResult.Latency(latency, latency, Map.of()), null, null),
                new RunResult.Window(50_000_000L, 0, 50_000_000L, false), null, new RunResult.Output(null, null));
        SummaryWriter.write(new Summary("tiny", false, Environment.current(), List.of(run), Map.of(), command),
                runDir);
        Files.writeString(runDir.resolve("0-busy-poll").resolve("notification.hgrm"), "Value Percentile\n");
        Files.writeString(runDir.resolve(".nicsim-run"), "nicsim run folder\n");
        return runDir;
    }
}
