package io.nicsim.bench.cli;

import io.nicsim.bench.results.AtomicFiles;
import io.nicsim.bench.results.WritableFolder;
import io.nicsim.bench.run.Interruption;
import io.nicsim.bench.run.Progress;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.run.calibrate.Calibration;
import io.nicsim.bench.run.calibrate.HostModelFit;
import io.nicsim.bench.run.calibrate.HostModelWriter;
import io.nicsim.bench.run.calibrate.Machine;
import io.nicsim.bench.run.calibrate.Probe;
import io.nicsim.bench.run.calibrate.TimedWaits;
import io.nicsim.bench.run.virtual.HostModelFiles;
import io.nicsim.bench.scenario.Units;
import io.nicsim.host.Consumers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code nicsim calibrate}: measures this machine's host model for virtual time with short paced probes. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Measure a host model for virtual time (run.clock: virtual) on this machine: short paced"
                + " runs of every consumer kind and shape at 20k and 200k pps with per-packet firmware; fits"
                + " interrupt delivery, wake-up distributions and the CPU per packet and per poll, and writes them"
                + " as a host model file (YAML, with the measured HdrHistograms).",
                "Use the file with --set run.clock=virtual --set run.hostModel=FILE.",
                "The probes' journals go to a scratch folder under java.io.tmpdir: checked for space before the"
                        + " first probe (exit 2) and watched during them (exit 4, no host model written, if it falls"
                        + " below its free-space floor); 130 if interrupted."})
public final class CalibrateCommand implements Callable<Integer> {

    /** The file written when --out is not given. */
    static final String DEFAULT_FILE = "host-model.yaml";

    @Option(names = "--out", paramLabel = "FILE", description = "the host model file to write (default: "
            + DEFAULT_FILE + " in the current folder)")
    Path out;

    @Option(names = "--duration", paramLabel = "TIME", description = "measured time per probe (default: 8s; 24"
            + " probes, about 4 minutes in all)")
    String duration;

    @Option(names = "--quiet", description = "show no progress (for scripts); the summary is still printed")
    boolean quiet;

    @Option(names = "--kinds", split = ",", paramLabel = "KIND", hidden = true,
            description = "testing: probe only these kinds (the others keep the built-in model's figures)")
    List<String> kinds;

    @Option(names = "--rates", split = ",", paramLabel = "RATE", hidden = true,
            description = "testing: probe these rates (default 20k,200k)")
    List<String> rates;

    @Mixin
    ErrorOutput errors;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Calibration.Plan plan = plan();
        Path file = (out != null ? out : Path.of(DEFAULT_FILE)).toAbsolutePath().normalize();
        checkWritable(file);
        io.nicsim.bench.run.Leftovers.clean(null, err);
        String command = StudyOptions.commandLine(spec);
        Progress progress = Progress.detect(stdout, quiet);
        progress.line("nicsim calibrate: " + plan.describe() + "; about " + Units.formatDuration(
                roundToSeconds(plan.plannedNanos())) + " in all; writes " + file);
        StopSignal stop = new StopSignal();
        // the probes write their journals one at a time into a scratch folder under java.io.tmpdir, then delete it
        DiskCheck.inPlace(Calibration.scenario(plan, plan.kinds().getFirst(), java.util.Collections.max(plan.rates())),
                Path.of(System.getProperty("java.io.tmpdir")), stop, err);
        long started = System.nanoTime();
        List<Probe> probes;
        try (Interruption ignored = Interruption.install(stop, err)) {
            probes = new Calibration(SystemNanoClock.INSTANCE, progress, stop).run(plan);
        }
        if (stop.cutShort() != null) {
            return DiskCheck.cutShort(err, stop.cutShort(), probes.size() + " of " + plan.probes() + " probes ran,"
                    + " no host model written", Path.of("(nothing written)"));
        }
        if (stop.requested()) {
            return StudyOptions.interrupted(err, probes.size() + " of " + plan.probes() + " probes ran",
                    Path.of("(nothing written)"));
        }
        progress.line("timed waits: " + TimedWaits.WAITS + " of " + TimedWaits.WAIT_NANOS / 1000 + " us on a platform"
                + " thread, a virtual thread and an event loop ...");
        TimedWaits waits = TimedWaits.measure(TimedWaits.WAITS, TimedWaits.WAIT_NANOS);
        HostModelFit.Model model = HostModelFit.fit(probes, waits, Machine.current(command), plan.describe(),
                HostModelFiles.builtInTree());
        AtomicFiles.write(file, HostModelWriter.yaml(model).getBytes(StandardCharsets.UTF_8));
        HostModelFiles.load(file.toString()); // what it wrote loads, or the run fails here
        stdout.println();
        stdout.print(table(model));
        stdout.println();
        stdout.printf(Locale.ROOT, "calibrated in %s; host model written to %s%n",
                Units.formatDuration(roundToSeconds(System.nanoTime() - started)), file);
        stdout.println("use it: --set run.clock=virtual --set run.hostModel=" + file);
        stdout.flush();
        return ExitCodes.OK;
    }

    private Calibration.Plan plan() throws BadInput {
        long durationNanos = Calibration.DEFAULT_DURATION_NANOS;
        if (duration != null) {
            try {
                durationNanos = Units.parseDurationNanos(duration);
            } catch (IllegalArgumentException e) {
                throw new BadInput("--duration: " + e.getMessage(), e);
            }
            if (durationNanos <= 0) {
                throw new BadInput("--duration: expected a time above 0, found '" + duration + "'");
            }
        }
        List<String> planKinds = kinds != null ? kinds : Consumers.NAMES;
        for (String kind : planKinds) {
            if (!Consumers.NAMES.contains(kind)) {
                throw new BadInput("--kinds: expected some of " + String.join(", ", Consumers.NAMES) + ", found '"
                        + kind + "'");
            }
        }
        List<Double> planRates = new ArrayList<>(Calibration.DEFAULT_RATES);
        if (rates != null) {
            planRates.clear();
            for (String rate : rates) {
                try {
                    planRates.add(Units.parseRatePerSecond(rate));
                } catch (IllegalArgumentException e) {
                    throw new BadInput("--rates: " + e.getMessage(), e);
                }
            }
        }
        return new Calibration.Plan(planKinds, planRates, durationNanos);
    }

    /** @throws BadInput if the file cannot be written where it goes (checked before any probe runs) */
    static void checkWritable(Path file) throws BadInput {
        Path parent = file.getParent();
        if (Files.isDirectory(file)) {
            throw new BadInput("--out " + file + ": is a folder; expected a file to write");
        }
        if (parent != null && !Files.isDirectory(parent)) {
            throw new BadInput("--out " + file + ": folder " + parent + " does not exist");
        }
        String problem = parent == null ? null : WritableFolder.problem(parent);
        if (problem != null) {
            throw new BadInput("--out " + file + ": folder " + parent + ": " + problem);
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new BadInput("--out " + file + ": not writable");
        }
    }

    private static long roundToSeconds(long nanos) {
        return Math.max(1, Math.round(nanos / 1e9)) * 1_000_000_000L;
    }

    /** @return per kind: deliver p50, wake p50/p90/p99, CPU and context switches per packet at each rate, the fit */
    static String table(HostModelFit.Model model) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%-26s %8s %8s %8s %9s %8s  %-17s %-17s %6s %6s %6s%n",
                "kind (us)", "deliver", "wake p50", "p90", "p99", "stalls/s", "CPU/packet", "switches/packet",
                "perPkt", "perPoll", "wait"));
        for (HostModelFit.Kind kind : model.kinds().values()) {
            Probe low = kind.probes().getFirst();
            StringBuilder cpu = new StringBuilder();
            StringBuilder switches = new StringBuilder();
            for (Probe probe : kind.probes()) {
                cpu.append(cpu.isEmpty() ? "" : " / ").append(Double.isFinite(probe.cpuNanosPerPacket())
                        ? String.format(Locale.ROOT, "%.2f", probe.cpuNanosPerPacket() / 1e3) : "-");
                switches.append(switches.isEmpty() ? "" : " / ").append(String.format(Locale.ROOT, "%.2f",
                        probe.voluntarySwitchesPerPacket() + probe.involuntarySwitchesPerPacket()));
            }
            text.append(String.format(Locale.ROOT, "%-26s %8s %8s %8s %9s %8.1f  %-17s %-17s %6.2f %6.2f %6.2f%n",
                    kind.consumer(), us(low.deliver().getTotalCount() == 0 ? Double.NaN
                            : low.deliver().getValueAtPercentile(50)), us(kind.wake().at("p50")),
                    us(kind.wake().at("p90")), us(kind.wake().at("p99")), kind.stallsPerSecond(), cpu, switches,
                    kind.perPacketNanos() / 1e3, kind.perPollNanos() / 1e3, kind.timedWaitNanos() / 1e3));
        }
        StringBuilder rateList = new StringBuilder();
        for (Probe probe : model.kinds().values().iterator().next().probes()) {
            rateList.append(rateList.isEmpty() ? "" : " / ").append(Calibration.rate(probe.ratePerSecond()));
        }
        text.append(String.format(Locale.ROOT, "deliver and wake-ups (each once; busy-poll: hold) at the lowest"
                + " rate, waits over %d us left out as stalls (counted per second);%nCPU/packet (us) and context"
                + " switches/packet (voluntary + involuntary) at %s pps; perPkt, perPoll: the fitted%ndriver CPU per"
                + " packet and per poll, wait: CPU of a timed wait (us). Interrupt delivery, all kinds merged: %s;"
                + " timer slack: %s.%n",
                HostModelFit.STALL_ABOVE_NANOS / 1000, rateList,
                model.deliver().yaml(), model.timerSlack() != null ? model.timerSlack().yaml() : "built-in"));
        return text.toString();
    }

    private static String us(double nanos) {
        return Double.isFinite(nanos) ? String.format(Locale.ROOT, "%.2f", nanos / 1e3) : "-";
    }
}
