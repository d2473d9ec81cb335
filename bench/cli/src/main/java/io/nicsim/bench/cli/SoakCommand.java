package io.nicsim.bench.cli;

import io.nicsim.bench.perf.SoakBenchmark;
import io.nicsim.bench.perf.SoakReport;
import io.nicsim.bench.perf.SoakSection;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.scenario.Units;
import io.nicsim.host.consumer.ParkingConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** {@code nicsim bench soak}: a long run with heap, resident memory, open files and threads sampled and judged. */
@Command(name = "soak", mixinStandardHelpOptions = true, description = {
        "One long paced run (10 min at 200k pps by default) with heap after GC, resident memory (anon/file/shmem),"
                + " open file descriptors, memory mappings, threads and the journal's size sampled every few seconds"
                + " in the JVM that runs the traffic; prints a table per minute (with delivered pps and notification"
                + " p50/p99) and a verdict on whether those figures stayed flat; exits 1 if not.",
        "samples.csv goes to --out; the journal goes to /dev/shm and is discarded at the end. Not part of 'bench"
                + " all': with --markdown FILE it replaces the soak section of FILE (e.g. docs/benchmarks.md) and"
                + " leaves the rest."})
final class SoakCommand extends BenchCommand.BenchmarkCommand {

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "10m",
            description = "the whole run, its first second of warm-up included (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--rate", paramLabel = "RATE", defaultValue = "200kpps",
            description = "packets per second (default: ${DEFAULT-VALUE})")
    String rate;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "poisson",
            description = "traffic kind (default: ${DEFAULT-VALUE})")
    String kind;

    @Option(names = "--consumer", paramLabel = "NAME", defaultValue = ParkingConsumer.PLATFORM,
            description = "consumer under test (default: ${DEFAULT-VALUE}: a parking thread, so the soak leaves"
                    + " the machine's second core to the device loop and to other work)")
    String consumer;

    @Option(names = "--policy", paramLabel = "NAME", defaultValue = "coalesce",
            description = "firmware policy (default: ${DEFAULT-VALUE}, rx-usecs 50 / rx-frames 64: an interrupt per"
                    + " 10 packets at 200k pps, which a parking consumer sustains on 2 cores)")
    String policy;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a scenario key, after the soak's own"
            + " (repeatable), e.g. --set firmware.rxFrames=32")
    List<String> sets = new ArrayList<>();

    @Option(names = "--sample-interval", paramLabel = "TIME", defaultValue = "5s",
            description = "time between samples (default: ${DEFAULT-VALUE})")
    String sampleInterval;

    @Option(names = "--gc-interval", paramLabel = "TIME", defaultValue = "1m",
            description = "a full GC before a sample this often, so heap after GC shows what the run keeps alive"
                    + " (the run allocates too little to fill the young generation; 0 = never; default:"
                    + " ${DEFAULT-VALUE})")
    String gcInterval;

    @Option(names = "--out", paramLabel = "DIR",
            description = "folder for samples.csv (default: runs/<timestamp>-soak)")
    Path out;

    private SoakBenchmark.Options options;
    private SoakBenchmark.Result result;

    @Override
    void validate() {
        Path dir = out != null ? out : RunFolder.defaultFor(Path.of(""), "soak", LocalDateTime.now());
        String problem = RunFolder.problem(dir);
        if (problem != null) {
            throw new IllegalArgumentException("--out " + dir + ": " + problem);
        }
        List<String> overrides = new ArrayList<>(List.of("firmware.policy=" + policy));
        overrides.addAll(sets);
        options = new SoakBenchmark.Options(Units.parseDurationNanos(duration), Units.parseRatePerSecond(rate), kind,
                consumer, overrides, Units.parseDurationNanos(sampleInterval), Units.parseDurationNanos(gcInterval),
                dir);
        try {
            SoakBenchmark.check(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    String execute(PrintWriter out) throws Exception {
        RunFolder.create(options.outDir());
        out.println("command: " + commandLine());
        result = SoakBenchmark.run(options, commandLine(), out);
        out.println();
        out.print(SoakReport.text(result));
        out.println("samples: " + options.outDir().resolve(SoakBenchmark.SAMPLES_CSV));
        return SoakReport.section(result);
    }

    @Override
    String document(String previous, String md) {
        return SoakSection.splice(previous, md);
    }

    /** Not flat, or packets unaccounted for: the soak failed. */
    @Override
    int exitCode() {
        return result.verdict().flat() && result.balanced() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
