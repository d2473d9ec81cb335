package io.nicsim.bench.perf;


import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * docs/benchmarks.md as {@code nicsim bench all --markdown docs/benchmarks.md} writes it: the machine, the exact
 * commands, the targets with the measured figure beside each, then every benchmark's tables. Generated, never
 * edited by hand: a change of wording belongs here.
 */
public final class BenchmarksDocument {

    /** Target: a policy decision (either half) costs less than this. */
    public static final double TARGET_DECISION_NANOS = 50;

    /** Everything one {@code bench all} measured. */
    public record Results(Machine machine, ZonedDateTime finished, String command, List<MicroBenchmarks.Row> jmh,
                          FloorBenchmark.Result floor, ThroughputBenchmark.Result throughput,
                          PacingBenchmark.Result pacing, VirtualBenchmark.Result virtual,
                          RepeatBenchmark.Result repeat) {

        /** Results without the repeatability run. */
        public Results(Machine machine, ZonedDateTime finished, String command, List<MicroBenchmarks.Row> jmh,
                       FloorBenchmark.Result floor, ThroughputBenchmark.Result throughput,
                       PacingBenchmark.Result pacing, VirtualBenchmark.Result virtual) {
            this(machine, finished, command, jmh, floor, throughput, pacing, virtual, null);
        }
    }

    private BenchmarksDocument() {
    }

    /** One line per target: what, measured, met or missed. */
    static TextTable targets(Results r) {
        TextTable table = new TextTable("target", "measured", "result");
        double worstDecision = 0;
        double worstDecisionAlloc = 0;
        String worstName = "";
        double worstAppendAlloc = 0;
        for (MicroBenchmarks.Row row : r.jmh()) {
            if (row.benchmark().startsWith("PolicyDecisionBenchmark.")) {
                if (row.nsPerOp() > worstDecision) {
                    worstDecision = row.nsPerOp();
                    worstName = row.benchmark().substring(row.benchmark().indexOf('.') + 1) + " " + row.param();
                }
                worstDecisionAlloc = Math.max(worstDecisionAlloc, nanToZero(row.bytesPerOp()));
            }
            if (row.benchmark().startsWith("RecordAppendBenchmark.")) {
                worstAppendAlloc = Math.max(worstAppendAlloc, nanToZero(row.bytesPerOp()));
            }
        }
        if (!r.jmh().isEmpty()) {
            table.row("policy decision < " + (int) TARGET_DECISION_NANOS + " ns/op (every policy, both halves)",
                    String.format(Locale.ROOT, "worst %.1f ns/op (%s)", worstDecision, worstName),
                    worstDecision < TARGET_DECISION_NANOS ? "met" : "missed");
            table.row("policy decision 0 B/op", String.format(Locale.ROOT, "worst %.3f B/op", worstDecisionAlloc),
                    worstDecisionAlloc < ZERO_BYTES ? "met" : "missed");
            table.row("record append 0 B/op (with each iteration's queue opening)",
                    String.format(Locale.ROOT, "worst %.3f B/op", worstAppendAlloc),
                    worstAppendAlloc < ZERO_BYTES ? "met" : "missed");
        }
        if (r.floor() != null) {
            double p50 = Format.median(FloorReport.ratios(r.floor(), FloorBenchmark.NICSIM, FloorBenchmark.BARE,
                    "p50"));
            double p99 = Format.median(FloorReport.ratios(r.floor(), FloorBenchmark.NICSIM, FloorBenchmark.BARE,
                    "p99"));
            table.row("floor p50: nicsim (3) <= " + FloorReport.TARGET_P50_RATIO + "x bare transport (1)",
                    FloorReport.ratioCell(FloorReport.ratios(r.floor(), FloorBenchmark.NICSIM, FloorBenchmark.BARE,
                            "p50")),
                    p50 <= FloorReport.TARGET_P50_RATIO ? "met" : "missed");
            table.row("floor p99: nicsim (3) <= " + FloorReport.TARGET_P99_RATIO + "x bare transport (1)",
                    FloorReport.ratioCell(FloorReport.ratios(r.floor(), FloorBenchmark.NICSIM, FloorBenchmark.BARE,
                            "p99")),
                    p99 <= FloorReport.TARGET_P99_RATIO ? "met" : "missed");
        }
        if (r.repeat() != null) {
            List<RepeatBenchmark.Consumer> consumers = r.repeat().consumers();
            double worstSpread = consumers.stream().mapToDouble(RepeatBenchmark.Consumer::p50Spread).max().orElse(0);
            double worstFactor = consumers.stream().mapToDouble(RepeatBenchmark.Consumer::p99Factor).max().orElse(0);
            table.row("repeat: every consumer's p50 within " + Math.round(RepeatBenchmark.P50_SPREAD * 100)
                            + "% over " + r.repeat().options().repeats() + " default studies",
                    String.format(Locale.ROOT, "worst %.0f%%", 100 * worstSpread),
                    worstSpread <= RepeatBenchmark.P50_SPREAD ? "met" : "missed");
            table.row("repeat: every consumer's p99 within a factor " + Math.round(RepeatBenchmark.P99_FACTOR),
                    String.format(Locale.ROOT, "worst %.1fx", worstFactor),
                    worstFactor <= RepeatBenchmark.P99_FACTOR ? "met" : "missed");
        }
        if (r.throughput() != null) {
            r.throughput().configs().stream()
                    .filter(c -> c.config().equals(ThroughputBenchmark.CONFIGS.getFirst())).findFirst()
                    .ifPresent(c -> {
                        double rate = c.search().highestSustained();
                        double fraction = rate / r.throughput().raw().appendPerSecond();
                        table.row(">= " + Format.rate(ThroughputReport.TARGET_RATE) + " pps end to end, " + c.config()
                                .label(), Format.rate(rate) + " pps (the raw append alone: "
                                + Format.rate(r.throughput().raw()
                                        .appendPerSecond()) + "/s)", rate >= ThroughputReport.TARGET_RATE ? "met"
                                                : "missed");
                        table.row("that rate >= " + Format.percent(ThroughputReport.TARGET_FRACTION_OF_RAW)
                                        + " of the raw append rate",
                                Format.percent(fraction) + " of " + Format.rate(r.throughput().raw().appendPerSecond())
                                        + "/s",
                                fraction >= ThroughputReport.TARGET_FRACTION_OF_RAW ? "met" : "missed");
                    });
        }
        if (r.pacing() != null) {
            r.pacing().rates().stream().filter(p -> p.ratePerSecond() == PacingBenchmark.TARGET_RATE).findFirst()
                    .ifPresent(p -> table.row("pacing: device lag p50 < "
                                    + Format.micros(PacingBenchmark.TARGET_P50_NANOS) + " us at "
                                    + Format.rate(PacingBenchmark.TARGET_RATE) + " pps",
                            Format.micros(p.lateness().p50()) + " us",
                            p.lateness().p50() < PacingBenchmark.TARGET_P50_NANOS ? "met" : "missed"));
        }
        if (r.virtual() != null) {
            for (List<String> row : VirtualBenchmark.targets(r.virtual()).rows()) {
                table.row(row.toArray(String[]::new));
            }
        }
        return table;
    }

    /** The targets as plain text, for the terminal. */
    public static String targetsText(Results r) {
        return "targets:\n" + targets(r).text();
    }

    /** JMH's GC profiler reports a few hundredths of a byte per operation for setup done once per iteration. */
    static final double ZERO_BYTES = 0.1;

    private static double nanToZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    static TextTable jmhTable(List<MicroBenchmarks.Row> rows) {
        TextTable table = new TextTable("benchmark", "policy", "ns/op", "error ns", "B/op", "others' cpu");
        for (MicroBenchmarks.Row row : rows) {
            table.row(row.benchmark(), row.param(), String.format(Locale.ROOT, "%.1f", row.nsPerOp()),
                    String.format(Locale.ROOT, "%.1f", row.errorNs()),
                    Double.isNaN(row.bytesPerOp()) ? "-" : String.format(Locale.ROOT, "%.3f", row.bytesPerOp()),
                    Format.cores(row.otherCores()));
        }
        return table;
    }

    public static String markdown(Results r) {
        StringBuilder out = new StringBuilder();
        out.append("# nicsim benchmarks\n\n");
        out.append("<!-- Generated by `").append(r.command()).append("`; do not edit by hand: rerun it. -->\n\n");
        out.append("Latest run: ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").format(r.finished()))
                .append(", by `").append(r.command()).append("`.\n\n");
        out.append("## Machine\n\n").append(r.machine().describe()).append(".\n\n");
        out.append("On a small VM, trust ratios measured within one run more than absolute figures, and the middle of a"
                + " distribution more than its tail: a spinning thread loses about 5% of its time to VM pauses of 10 us"
                + " and more, so p99 and above mostly measure the hypervisor, and the same command gives other tails"
                + " minutes later. Every run records how much CPU other processes took meanwhile (\"others' cpu\");"
                + " runs that other processes disturbed are repeated.\n\n");
        out.append("## Commands\n\n```\n");
        for (String command : commands()) {
            out.append(command).append('\n');
        }
        out.append("```\n\n");
        out.append("## Targets\n\n").append(targets(r).markdown()).append('\n');
        if (!r.jmh().isEmpty()) {
            out.append("## JMH micro-costs\n\n");
            out.append("`./nicsim bench jmh ").append(MicroBenchmarks.SETTINGS)
                    .append("` (short iterations; `./nicsim bench jmh -prof gc` runs JMH's defaults). Policy"
                    + " decisions: one packet through the device half (completion, timer check, raise bookkeeping)"
                    + " and one poll result through the driver half. Record append: one Chronicle append (and read)"
                    + " of a descriptor or an interrupt record on tmpfs; its B/op includes opening a fresh queue each"
                    + " iteration (a constant per iteration, so the figure shrinks as iterations lengthen), and"
                    + " nic-sim's RecordAppendAllocatesNothingTest checks that appending and reading allocate nothing"
                    + " per record. Wake-up: one round"
                    + " trip of a ping-pong, so one wake-up is about half (eventLoop: a foreign thread's `runOnContext`"
                    + " to a sleeping event loop, answered through a spun-on volatile field). Hand-off: a packet into"
                    + " and out of an application buffer, and recording it into the single- and many-writer"
                    + " recorders. Handler path: one packet from the driver through the run's handler into the"
                    + " recorder: `legacyInline` is the inline path as it was before the handler API (copied into the"
                    + " benchmark), `model` the built-in work"
                    + " model through the adapter today, `userSync` a user's trivial handler (guarded, and metered),"
                    + " `userSyncBytes` one reading its frame, `loopAsync` an event loop's async call through a pool"
                    + " slot into the many-writer recorder. RSS: the Toeplitz hash of a flow's 5-tuple and its"
                    + " queue.\n\n");
            out.append(jmhTable(r.jmh()).markdown()).append('\n');
        }
        if (r.floor() != null) {
            out.append("## End-to-end floor (`./nicsim bench floor`)\n\n").append(FloorReport.markdown(r.floor()))
                    .append('\n');
        }
        if (r.throughput() != null) {
            out.append("## Throughput (`./nicsim bench throughput`)\n\n")
                    .append(ThroughputReport.markdown(r.throughput())) .append('\n');
        }
        if (r.pacing() != null) {
            out.append("## Pacing accuracy (`./nicsim bench pacing`)\n\n").append(PacingBenchmark.markdown(r.pacing()))
                    .append('\n');
        }
        if (r.virtual() != null) {
            out.append("## Virtual-time engine (`./nicsim bench virtual`)\n\n")
                    .append(VirtualBenchmark.markdown(r.virtual())).append('\n');
        }
        if (r.repeat() != null) {
            out.append("## Repeatability (`./nicsim bench repeat`)\n\n").append(RepeatBenchmark.section(r.repeat()))
                    .append('\n');
        }
        return out.toString();
    }

    /** The commands that produce each section, as a reader would type them. */
    static List<String> commands() {
        List<String> commands = new ArrayList<>();
        commands.add("./nicsim bench all --markdown docs/benchmarks.md   # everything below, and this file (~15 min on"
                + " 2 cores; longer while other processes keep the machine busy)");
        commands.add("./nicsim bench jmh " + MicroBenchmarks.SETTINGS + "   # JMH micro-costs");
        commands.add("./nicsim bench floor        # end-to-end floor against the bare transport (~1 min)");
        commands.add("./nicsim bench throughput   # highest sustained rate per configuration (~5 min)");
        commands.add("./nicsim bench pacing       # the device thread's lag behind the schedule at 100k and 1M pps"
                + " (~20 s)");
        commands.add("./nicsim bench virtual      # the device engine alone in virtual time (~1 min)");
        commands.add("./nicsim bench repeat       # the default study 5 times and once reversed (~2 min)");
        commands.add("./nicsim bench soak --markdown docs/benchmarks.md   # 10 min at 200k pps: heap, RSS, fds flat;"
                + " its own section, not part of bench all");
        return commands;
    }
}
