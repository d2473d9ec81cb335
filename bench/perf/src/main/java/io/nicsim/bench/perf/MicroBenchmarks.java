package io.nicsim.bench.perf;

import io.nicsim.bench.run.MachineLoad;
import io.nicsim.bench.process.ChildJvm;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JMH micro-benchmarks run with short settings, for {@code nicsim bench all}: each benchmark's time per operation
 * and, from JMH's GC profiler, bytes allocated per operation. JMH and the benchmarks live in the jmh module, off the
 * CLI's class path: each class runs in a JVM of its own ({@link JmhModule}). {@code nicsim bench jmh} runs the same
 * benchmarks with JMH's own (longer) defaults and options.
 */
public final class MicroBenchmarks {

    /** The settings used, as JMH command-line options (so a reader can rerun them); the jmh module's ShortRun. */
    public static final String SETTINGS = "-f 1 -wi 2 -w 500ms -i 3 -r 500ms -prof gc";

    private static final List<String> CLASSES = List.of("PolicyDecisionBenchmark", "RecordAppendBenchmark",
            "BurstAppendBenchmark", "WakeupBenchmark", "KernelWakeBenchmark", "HandoffBenchmark",
            "HandlerPathBenchmark", "RssHashBenchmark");
    private static final long TIMEOUT_MINUTES = 15;

    /**
     * @param benchmark   class and method (or group), e.g. {@code PolicyDecisionBenchmark.deviceDecision}
     * @param param       the {@code policy} parameter, "burst N" for the {@code burst} one, or "" if none
     * @param nsPerOp     average time per operation
     * @param errorNs     JMH's 99.9% error bound on it
     * @param bytesPerOp  allocation per operation ({@code gc.alloc.rate.norm}), NaN if not measured
     * @param otherCores  CPU other processes used while the benchmark's class ran, in cores
     */
    public record Row(String benchmark, String param, double nsPerOp, double errorNs, double bytesPerOp,
                      double otherCores) {
    }

    private MicroBenchmarks() {
    }

    public static List<Row> run(PrintWriter progress) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (String benchmark : CLASSES) {
            progress.printf("JMH %s (%s) ...%n", benchmark, SETTINGS);
            progress.flush();
            MachineLoad.awaitQuiet(FloorBenchmark.QUIET_WAIT_NANOS, progress);
            MachineLoad.Sample load = MachineLoad.sample();
            List<String> lines = runClass(benchmark);
            double otherCores = MachineLoad.since(load).otherCores();
            for (String line : lines) {
                rows.add(row(line, otherCores));
            }
        }
        return rows;
    }

    private static List<String> runClass(String benchmark) throws IOException, InterruptedException {
        Path out = Files.createTempFile("nicsim-jmh-", ".tsv");
        try {
            List<String> command = ChildJvm.command(JmhModule.classPath(), JmhModule.SHORT_RUN,
                    List.of(benchmark, out.toString()));
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("JMH " + benchmark + " took longer than " + TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException("JMH " + benchmark + " exited with " + process.exitValue());
            }
            return Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static Row row(String tsv, double otherCores) {
        String[] cells = tsv.split("\t", -1);
        return new Row(cells[0], cells[1], Double.parseDouble(cells[2]), Double.parseDouble(cells[3]),
                Double.parseDouble(cells[4]), otherCores);
    }
}
