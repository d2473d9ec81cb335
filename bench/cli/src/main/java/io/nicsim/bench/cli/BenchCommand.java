package io.nicsim.bench.cli;

import io.nicsim.bench.perf.JmhModule;
import io.nicsim.bench.process.ChildJvm;

import io.nicsim.bench.perf.BenchmarksDocument;
import io.nicsim.bench.perf.FloorBenchmark;
import io.nicsim.bench.perf.Machine;
import io.nicsim.bench.perf.MicroBenchmarks;
import io.nicsim.bench.perf.FloorReport;
import io.nicsim.bench.perf.Pacing;
import io.nicsim.bench.perf.PacingBenchmark;
import io.nicsim.bench.perf.RepeatBenchmark;
import io.nicsim.bench.perf.RateSearch;
import io.nicsim.bench.perf.SoakSection;
import io.nicsim.bench.perf.ThroughputBenchmark;
import io.nicsim.bench.perf.ThroughputReport;
import io.nicsim.bench.perf.ValidationBenchmark;
import io.nicsim.bench.perf.ValidationReport;
import io.nicsim.bench.perf.VirtualBenchmark;
import io.nicsim.bench.scenario.Units;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nicsim bench}: benchmarks of nicsim's own costs. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of nicsim's own costs.",
        subcommands = {BenchCommand.Jmh.class, BenchCommand.Floor.class, BenchCommand.Throughput.class,
                BenchCommand.PacingCommand.class, BenchCommand.Virtual.class, BenchCommand.Validation.class,
                BenchCommand.Repeat.class, SoakCommand.class, BenchCommand.All.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code nicsim bench jmh [JMH args]}: the JMH micro-benchmarks, with JMH's own options. */
    @Command(name = "jmh", description = {
            "JMH micro-benchmarks: policy decisions, record append and read, wake-ups, hand-offs.",
            "Every argument goes to JMH, e.g.: nicsim bench jmh PolicyDecision -prof gc",
            "Forked JVMs inherit this JVM's flags (the Chronicle flags of jvm.options)."},
            mixinStandardHelpOptions = false)
    static final class Jmh implements Callable<Integer> {

        /** Everything after {@code jmh}, options included, goes to JMH untouched. */
        @Unmatched
        List<String> jmhArgs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            // JMH lives in the jmh module, off this JVM's class path: it runs in a JVM of its own
            Process jmh = new ProcessBuilder(ChildJvm.command(JmhModule.classPath(), JmhModule.JMH_MAIN, jmhArgs))
                    .inheritIO().start();
            return jmh.waitFor() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** What the floor benchmark asks: a rate and the traffic schedule. */
    static final class PacingOptions {

        @Option(names = "--rate", paramLabel = "RATE", description = "packets per second (default: ${DEFAULT-VALUE})")
        String rate;

        @Mixin
        ScheduleOptions schedule;

        Pacing pacing() {
            return new Pacing(schedule.kind, Units.parseRatePerSecond(rate), schedule.seed,
                    Units.parseDurationNanos(schedule.warmup), Units.parseDurationNanos(schedule.duration));
        }
    }

    /** Runs a benchmark body, turning bad input into exit code 2 with one line, and failures into 1. */
    abstract static class BenchmarkCommand implements Callable<Integer> {

        @Option(names = "--markdown", paramLabel = "FILE", description = "also write the results as Markdown to FILE")
        Path markdown;

        @Mixin
        ErrorOutput errors;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public final Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try {
                validate();
            } catch (IllegalArgumentException e) {
                throw new BadInput(e.getMessage(), e);
            }
            checkMarkdown(markdown);
            String md = execute(out);
            if (markdown != null) {
                String previous = Files.isRegularFile(markdown) ? Files.readString(markdown) : "";
                writeMarkdown(markdown, document(previous, md));
                out.println("Markdown written to " + markdown);
            }
            out.flush();
            return exitCode();
        }

        /** @return the file to write, given the file there before ("" if none) and this run's Markdown */
        String document(String previous, String md) {
            return md;
        }

        /** @return the exit code once the benchmark ran */
        int exitCode() {
            return ExitCodes.OK;
        }

        /** Checks the options; throws IllegalArgumentException with a one-line message. */
        abstract void validate();

        /** Runs, prints the text tables, returns the Markdown. */
        abstract String execute(PrintWriter out) throws Exception;

        String commandLine() {
            return "./nicsim " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        }

    }

    /** --markdown's folder is tried before the benchmark runs, so a folder nicsim cannot write fails at once. */
    static void checkMarkdown(Path file) throws BadInput {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new BadInput("--markdown " + file + ": is a folder; expected a file to write");
        }
        Path parent = file.toAbsolutePath().getParent();
        String problem = parent == null ? null : io.nicsim.bench.results.WritableFolder.problem(parent);
        if (problem != null) {
            throw new BadInput("--markdown " + file + ": folder " + parent + ": " + problem);
        }
    }

    static void writeMarkdown(Path file, String markdown) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, markdown);
    }

    /** {@code nicsim bench floor}: nicsim's notification path against the bare transport and a spin hand-off. */
    @Command(name = "floor", mixinStandardHelpOptions = true,
            defaultValueProvider = ScheduleOptions.FloorDefaults.class, description = {
            "nicsim's notification path against the bare transport and a spin hand-off (~1 min).",
            "In one process at one pacing, alternated round by round:",
            "(1) bare transport: paced Chronicle append, busy-spinning tailer (nicsim's queue settings);",
            "(2) bare spin hand-off between two threads through a volatile field (the machine's floor);",
            "(3) nicsim: per-packet firmware, MAC polled continuously, busy-poll consumer.",
            "Prints p50/p99/p99.9 of each, from the intended send time, and the ratios 3/1 and 3/2."})
    static final class Floor extends BenchmarkCommand {

        @CommandLine.Mixin
        PacingOptions pacingOptions = new PacingOptions();

        @Option(names = "--rounds", defaultValue = "10",
                description = "runs of each variant (default: ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--attempts", defaultValue = "3",
                description = "tries of a run while other processes take CPU during it (default: ${DEFAULT-VALUE})")
        int attempts;

        private FloorBenchmark.Options options;

        @Override
        void validate() {
            options = new FloorBenchmark.Options(pacingOptions.pacing(), rounds, attempts);
            options.pacing().scheduledPackets(); // validates kind and rate
        }

        @Override
        String execute(PrintWriter out) throws Exception {
            FloorBenchmark.Result result = FloorBenchmark.run(options, out);
            out.println();
            out.print(FloorReport.text(result));
            return FloorReport.markdown(result);
        }
    }

    /** {@code nicsim bench throughput}: the highest sustained rate per policy and consumer, and the raw append rate. */
    @Command(name = "throughput", mixinStandardHelpOptions = true,
            defaultValueProvider = ScheduleOptions.ThroughputDefaults.class, description = {
            "Highest packet rate sustained end to end per policy and consumer (~5 min).",
            "For coalesce rxFrames=64 + busy-poll and for per-packet + each consumer, and both with busy-poll and",
            "descriptors written back in bursts of 4, 16 and 64 (nic.writeBackNanos 50us), next to the raw",
            "Chronicle append rate of the same records (and of bursts of each size) in the same run.",
            "The trials run with unlimited rings (nic.ringSlots 0): overload shows as lateness, not drops; the",
            "output defines 'sustained' (no drops within the drain time, the device's lag p90 under a bound)."})
    static final class Throughput extends BenchmarkCommand {

        @Mixin
        ScheduleOptions schedule;

        @Option(names = "--lateness-percentile", defaultValue = "90",
                description = "which percentile of the device's lag (appended - written back, from the journal) is"
                        + " bounded (default: ${DEFAULT-VALUE}; p99 mostly measures preemption of the device thread on"
                        + " a 2-core machine)")
        double latenessPercentile;

        @Option(names = "--max-lateness", paramLabel = "TIME", defaultValue = "100us",
                description = "bound on that percentile of the lateness (default: ${DEFAULT-VALUE})")
        String maxLateness;

        @Option(names = "--drain", paramLabel = "TIME", defaultValue = "20ms",
                description = "how long a trial waits for packets in flight (default: ${DEFAULT-VALUE})")
        String drain;

        @Option(names = "--start-rate", paramLabel = "RATE", defaultValue = "250kpps",
                description = "first rate tried (default: ${DEFAULT-VALUE})")
        String startRate;

        @Option(names = "--max-rate", paramLabel = "RATE", defaultValue = "32Mpps",
                description = "highest rate tried (default: ${DEFAULT-VALUE})")
        String maxRate;

        @Option(names = "--resolution", defaultValue = "0.1",
                description = "stop bisecting when failure/pass < 1 + this (default: ${DEFAULT-VALUE})")
        double resolution;

        @Option(names = "--max-trials", defaultValue = "10",
                description = "most trials per configuration (default: ${DEFAULT-VALUE})")
        int maxTrials;

        @Option(names = "--budget", paramLabel = "TIME", defaultValue = "30s",
                description = "start no trial of a configuration after this (default: ${DEFAULT-VALUE})")
        String budget;

        @Option(names = "--attempts", defaultValue = "2",
                description = "trials in a row that must fail before a rate counts as not sustained (default:"
                        + " ${DEFAULT-VALUE})")
        int attempts;

        @Option(names = "--config", paramLabel = "N", split = ",",
                description = "configurations to search, by number 1-11 (default: all):"
                        + " 1 coalesce rxFrames=64 + busy-poll, 2-5 per-packet + busy-poll, platform-thread,"
                        + " virtual-thread, event-loop, 6-8 coalesce rxFrames=64 + busy-poll with write-back bursts"
                        + " of 4, 16, 64, 9-11 per-packet + busy-poll with bursts of 4, 16, 64")
        List<Integer> configNumbers;

        private ThroughputBenchmark.Options options;

        @Override
        void validate() {
            double start = Units.parseRatePerSecond(startRate);
            double max = Units.parseRatePerSecond(maxRate);
            RateSearch.Limits limits = new RateSearch.Limits(start, Math.min(start, 1_000), max, resolution, maxTrials,
                    Units.parseDurationNanos(budget), 1_000);
            List<ThroughputBenchmark.Config> configs = new ArrayList<>();
            if (configNumbers == null || configNumbers.isEmpty()) {
                configs.addAll(ThroughputBenchmark.CONFIGS);
            } else {
                for (int n : configNumbers) {
                    if (n < 1 || n > ThroughputBenchmark.CONFIGS.size()) {
                        throw new IllegalArgumentException("--config: expected numbers 1-"
                                + ThroughputBenchmark.CONFIGS.size() + ", found " + n);
                    }
                    configs.add(ThroughputBenchmark.CONFIGS.get(n - 1));
                }
            }
            schedule.checkKind();
            long duration = Units.parseDurationNanos(schedule.duration);
            if (duration <= 0) {
                throw new IllegalArgumentException("--duration: expected a duration above 0");
            }
            options = new ThroughputBenchmark.Options(schedule.kind, schedule.seed,
                    Units.parseDurationNanos(schedule.warmup), duration,
                    latenessPercentile, Units.parseDurationNanos(maxLateness), Units.parseDurationNanos(drain), limits,
                    duration, attempts, List.copyOf(configs));
        }

        @Override
        String execute(PrintWriter out) throws Exception {
            ThroughputBenchmark.Result result = ThroughputBenchmark.run(options, out);
            out.println();
            out.print(ThroughputReport.text(result));
            return ThroughputReport.markdown(result);
        }
    }

    /** {@code nicsim bench pacing}: the device thread's lag behind the schedule at given rates. */
    @Command(name = "pacing", mixinStandardHelpOptions = true,
            defaultValueProvider = ScheduleOptions.PacingDefaults.class, description = {
            "How closely the device thread keeps to the schedule in real time, at 100k and 1M pps (~20 s).",
            "Device lag (appended - written back: the wall clock at each record's append minus the model time it was",
            "due) from the descriptor journal of one nicsim run per rate (per-packet firmware, busy-poll consumer)."})
    static final class PacingCommand extends BenchmarkCommand {

        @Option(names = "--rates", paramLabel = "RATE", split = ",", defaultValue = "100kpps,1Mpps",
                description = "rates to run (default: ${DEFAULT-VALUE})")
        List<String> rates;

        @Mixin
        ScheduleOptions schedule;

        private PacingBenchmark.Options options;

        @Override
        void validate() {
            schedule.checkKind();
            List<Double> parsed = new ArrayList<>();
            for (String rate : rates) {
                double r = Units.parseRatePerSecond(rate);
                if (!(r > 0)) {
                    throw new IllegalArgumentException("--rates: expected rates above 0, found '" + rate + "'");
                }
                parsed.add(r);
            }
            options = new PacingBenchmark.Options(schedule.kind, List.copyOf(parsed), schedule.seed,
                    Units.parseDurationNanos(schedule.warmup),
                    Units.parseDurationNanos(schedule.duration));
        }

        @Override
        String execute(PrintWriter out) throws Exception {
            PacingBenchmark.Result result = PacingBenchmark.run(options, out);
            out.println();
            out.print(PacingBenchmark.text(result));
            return PacingBenchmark.markdown(result);
        }
    }

    /** {@code nicsim bench repeat}: how far the default study's figures move between identical runs. */
    @Command(name = "repeat", mixinStandardHelpOptions = true, description = {
            "The default study (paced) N times, each as 'nicsim run' in a JVM of its own with its JIT warm-up round",
            "and rounds, then once with the consumers in reverse order (~6 min at the defaults): per consumer the",
            "median, range and spread of the median-of-rounds p50 and p99 across the repeats, and the reversed",
            "run's p50 against the median; targets: p50 within 10%%, p99 within a factor 2, order 10%%."})
    static final class Repeat extends BenchmarkCommand {

        @Option(names = "--repeats", defaultValue = "5", description = "times the study plays (default: 5)")
        int repeats;

        @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "1s",
                description = "warm-up of each round's run (default: 1s)")
        String warmup;

        @Option(names = "--duration", paramLabel = "TIME", defaultValue = "5s",
                description = "measured time of each consumer over its rounds (default: 5s, as nicsim run)")
        String duration;

        @Option(names = "--rounds", defaultValue = "3", description = "rounds of each study (default: 3)")
        int rounds;

        private RepeatBenchmark.Options options;

        @Override
        void validate() {
            if (repeats < 2) {
                throw new IllegalArgumentException("--repeats: expected at least 2, found " + repeats);
            }
            long warmupNanos = Units.parseDurationNanos(warmup);
            long durationNanos = Units.parseDurationNanos(duration);
            if (durationNanos <= 0) {
                throw new IllegalArgumentException("--duration: expected a time above 0, found '" + duration + "'");
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds: expected at least 1, found " + rounds);
            }
            options = new RepeatBenchmark.Options(repeats, warmupNanos, durationNanos, rounds);
        }

        @Override
        String execute(PrintWriter out) throws Exception {
            RepeatBenchmark.Result result = RepeatBenchmark.run(options, commandLine(), out);
            out.println();
            out.print(RepeatBenchmark.text(result));
            return RepeatBenchmark.markdown(result);
        }
    }

    /** {@code nicsim bench virtual}: the device engine alone in virtual time. */
    @Command(name = "virtual", mixinStandardHelpOptions = true, description = {
            "The device engine alone in virtual time, on one core (~1 min).",
            "64-byte frames at 100 Gb/s line rate (148.8 Mpps, constant), descriptors and interrupts into memory:",
            "events/s and packets/s with per-packet interrupts and with coalescing (rx-usecs 50, rx-frames 64),",
            "bytes allocated per event, the wall time to simulate 1 s of line rate, and the heap after GC at",
            "1 s and at the end of a longer run."})
    static final class Virtual extends BenchmarkCommand {

        @Option(names = "--engine-time", paramLabel = "TIME", defaultValue = "200ms",
                description = "model time of each engine round (default: ${DEFAULT-VALUE})")
        String engineTime;

        @Option(names = "--rounds", defaultValue = "3",
                description = "engine rounds per policy, the median reported (default: ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--line-rate-time", paramLabel = "TIME", defaultValue = "1s",
                description = "model time at line rate whose wall time is reported (default: ${DEFAULT-VALUE})")
        String lineRateTime;

        @Option(names = "--memory-time", paramLabel = "TIME", defaultValue = "5s",
                description = "model time of the whole line-rate run, its heap compared with the heap at"
                        + " --line-rate-time (default: ${DEFAULT-VALUE})")
        String memoryTime;

        private VirtualBenchmark.Options options;

        @Override
        void validate() {
            long engine = Units.parseDurationNanos(engineTime);
            long lineRate = Units.parseDurationNanos(lineRateTime);
            long memory = Units.parseDurationNanos(memoryTime);
            if (engine <= 0 || lineRate <= 0) {
                throw new IllegalArgumentException("--engine-time and --line-rate-time: expected durations above 0");
            }
            if (memory < lineRate) {
                throw new IllegalArgumentException("--memory-time: expected at least --line-rate-time ("
                        + lineRateTime + "), found " + memoryTime);
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds: expected at least 1, found " + rounds);
            }
            options = new VirtualBenchmark.Options(engine, rounds, lineRate, memory);
        }

        @Override
        String execute(PrintWriter out) throws Exception {
            out.println("machine: " + Machine.current().describe());
            out.println("command: " + commandLine());
            out.flush();
            VirtualBenchmark.Result result = VirtualBenchmark.run(options, out);
            out.println();
            out.print(VirtualBenchmark.text(result));
            return VirtualBenchmark.markdown(result);
        }
    }

    /** {@code nicsim bench validation}: virtual time against hardware in the loop, side by side. */
    @Command(name = "validation", mixinStandardHelpOptions = true, description = {
            "Virtual time against hardware in the loop on this machine (~3 min at the defaults).",
            "Each study's runs play paced, then virtual (run.clock), then paced again (the machine's repeatability):",
            "(1) the default study, (2) a coalescing sweep (rx-usecs 0-256), (3) a NAPI budget sweep (1, 8, 64),",
            "(4) the consumer shapes (scenarios/consumer-shapes.yaml). Tabulates p50, p90, p99, interrupts/s and",
            "consumer CPU per packet, paced / virtual, against the targets (p50 within 15%%, p90 25%%,",
            "interrupts/s 5%%, CPU per packet 20%%; a miss no larger than the paced repeat's own move is marked),",
            "and with --markdown explains each miss from the numbers."})
    static final class Validation extends BenchmarkCommand {

        @Option(names = "--host-model", paramLabel = "FILE",
                description = "the host model of the virtual runs (run.hostModel; default: the built-in model)")
        Path hostModel;

        @Option(names = "--duration", paramLabel = "TIME", defaultValue = "2s",
                description = "measured time of each run (default: ${DEFAULT-VALUE})")
        String duration;

        @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "1s",
                description = "warm-up of each run (default: ${DEFAULT-VALUE})")
        String warmup;

        @Option(names = "--study", paramLabel = "NAME", split = ",",
                description = "studies to run: default, coalesce, napi, shapes (default: all)")
        List<String> studies;

        @Option(names = "--scenarios", paramLabel = "DIR",
                description = "the folder holding consumer-shapes.yaml (default: nicsim's scenarios folder)")
        Path scenarios;

        private ValidationBenchmark.Options options;

        @Override
        void validate() {
            long measured = Units.parseDurationNanos(duration);
            long warm = Units.parseDurationNanos(warmup);
            if (measured <= 0) {
                throw new IllegalArgumentException("--duration: expected a duration above 0, found " + duration);
            }
            if (warm < 0) {
                throw new IllegalArgumentException("--warmup: expected a duration of 0 or more, found " + warmup);
            }
            List<ValidationBenchmark.Study> chosen = new ArrayList<>();
            if (studies == null || studies.isEmpty()) {
                chosen.addAll(List.of(ValidationBenchmark.Study.values()));
            } else {
                for (String name : studies) {
                    ValidationBenchmark.Study study = ValidationBenchmark.Study.of(name.trim());
                    if (!chosen.contains(study)) {
                        chosen.add(study);
                    }
                }
            }
            String model = "";
            if (hostModel != null) {
                if (!Files.isRegularFile(hostModel)) {
                    throw new IllegalArgumentException("--host-model: no such file: " + hostModel);
                }
                model = hostModel.toAbsolutePath().normalize().toString();
            }
            Path folder = scenarios != null ? scenarios : JmhModule.home().resolve("scenarios");
            options = new ValidationBenchmark.Options(List.copyOf(chosen), warm, measured, model, folder);
            ValidationBenchmark.check(options);
        }

        @Override
        String execute(PrintWriter out) throws Exception {
            out.println("machine: " + Machine.current().describe());
            out.println("command: " + commandLine());
            out.flush();
            ValidationBenchmark.Result result = ValidationBenchmark.run(options, commandLine(), out);
            out.println();
            out.print(ValidationReport.text(result));
            return ValidationReport.markdown(result);
        }
    }

    /** {@code nicsim bench all}: every benchmark with its defaults, and docs/benchmarks.md. */
    @Command(name = "all", mixinStandardHelpOptions = true, description = {
            "Every benchmark, and with --markdown docs/benchmarks.md the benchmarks document (~15 min on 2 cores).",
            "JMH with short iterations, floor, throughput, pacing, virtual and repeat with their defaults; the",
            "document states the machine, the commands, the targets and every figure."})
    static final class All extends BenchmarkCommand {

        @Option(names = "--skip-jmh", description = "leave out the JMH micro-benchmarks")
        boolean skipJmh;

        private FloorBenchmark.Options floor;
        private ThroughputBenchmark.Options throughput;
        private PacingBenchmark.Options pacing;
        private VirtualBenchmark.Options virtual;
        private RepeatBenchmark.Options repeat;

        @Override
        void validate() {
            Repeat repeatCommand = new Repeat();
            new CommandLine(repeatCommand).parseArgs();
            repeatCommand.validate();
            repeat = repeatCommand.options;
            Floor floorCommand = new Floor();
            new CommandLine(floorCommand).parseArgs();
            floorCommand.validate();
            floor = floorCommand.options;
            Throughput throughputCommand = new Throughput();
            new CommandLine(throughputCommand).parseArgs();
            throughputCommand.validate();
            throughput = throughputCommand.options;
            PacingCommand pacingCommand = new PacingCommand();
            new CommandLine(pacingCommand).parseArgs();
            pacingCommand.validate();
            pacing = pacingCommand.options;
            Virtual virtualCommand = new Virtual();
            new CommandLine(virtualCommand).parseArgs();
            virtualCommand.validate();
            virtual = virtualCommand.options;
        }

        @Override
        String execute(PrintWriter out) throws Exception {
            List<MicroBenchmarks.Row> jmh = skipJmh ? List.of() : MicroBenchmarks.run(out);
            FloorBenchmark.Result floorResult = FloorBenchmark.run(floor, out);
            out.println();
            out.print(FloorReport.text(floorResult));
            out.println();
            ThroughputBenchmark.Result throughputResult = ThroughputBenchmark.run(throughput, out);
            out.println();
            out.print(ThroughputReport.text(throughputResult));
            out.println();
            PacingBenchmark.Result pacingResult = PacingBenchmark.run(pacing, out);
            out.println();
            out.print(PacingBenchmark.text(pacingResult));
            out.println();
            VirtualBenchmark.Result virtualResult = VirtualBenchmark.run(virtual, out);
            out.println();
            out.print(VirtualBenchmark.text(virtualResult));
            out.println();
            RepeatBenchmark.Result repeatResult = RepeatBenchmark.run(repeat, "./nicsim bench repeat", out);
            out.println();
            out.print(RepeatBenchmark.text(repeatResult));
            BenchmarksDocument.Results results = new BenchmarksDocument.Results(Machine.current(), ZonedDateTime.now(),
                    commandLine(), jmh, floorResult, throughputResult, pacingResult, virtualResult, repeatResult);
            out.println();
            out.print(BenchmarksDocument.targetsText(results));
            return BenchmarksDocument.markdown(results);
        }

        /** The soak's section is generated by {@code bench soak} alone: carried over as it is. */
        @Override
        String document(String previous, String md) {
            return SoakSection.keep(previous, md);
        }
    }
}
