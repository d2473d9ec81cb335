package io.nicsim.bench.perf;

import io.nicsim.bench.perf.ValidationBenchmark.Figures;
import io.nicsim.bench.perf.ValidationBenchmark.ModelFacts;
import io.nicsim.bench.perf.ValidationBenchmark.ModelKind;
import io.nicsim.bench.perf.ValidationBenchmark.Pair;
import io.nicsim.bench.perf.ValidationBenchmark.Result;
import io.nicsim.bench.perf.ValidationBenchmark.Study;
import io.nicsim.bench.scenario.Units;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * docs/validation.md as {@code nicsim bench validation --markdown docs/validation.md} writes it: the machine, the
 * command, the host model, a table per study (paced value, virtual value, ratio virtual/paced, verdict), the targets
 * met and missed, and for each miss the reasons the numbers point at ({@link ValidationWhy}), then what the model
 * leaves out. Generated, never edited by hand: a change of wording belongs here.
 */
public final class ValidationReport {

    /** What is compared, with its target: the virtual value within {@code tolerance} of the paced one. */
    public enum Metric {
        P50("p50", "us", 0.15, Figures::p50),
        P90("p90", "us", 0.25, Figures::p90),
        P99("p99", "us", Double.NaN, Figures::p99),
        INTERRUPTS("interrupts/s", "", 0.05, Figures::interruptsPerSecond),
        CPU("CPU/packet", "us", 0.20, Figures::cpuNanosPerPacket);

        private final String label;
        private final String unit;
        private final double tolerance;
        private final ToDoubleFunction<Figures> value;

        Metric(String label, String unit, double tolerance, ToDoubleFunction<Figures> value) {
            this.label = label;
            this.unit = unit;
            this.tolerance = tolerance;
            this.value = value;
        }

        public String label() {
            return label;
        }

        public String unit() {
            return unit;
        }

        /** @return the tolerance as a fraction, NaN for a figure shown for information */
        public double tolerance() {
            return tolerance;
        }

        public boolean targeted() {
            return !Double.isNaN(tolerance);
        }

        double of(Figures f) {
            return value.applyAsDouble(f);
        }

        String format(double v) {
            if (Double.isNaN(v)) {
                return "-";
            }
            return unit.equals("us") ? Format.micros(Math.round(v)) : Format.rate(v);
        }

        String target() {
            return targeted() ? "within " + Math.round(tolerance * 100) + "%" : "for information";
        }
    }

    /**
     * How one comparison came out: {@code WITHIN_REPEAT} is a missed target where the virtual value is no further
     * from the paced one than the paced run itself moved when repeated (this machine's run-to-run variation).
     */
    public enum Outcome { MET, MISSED, WITHIN_REPEAT, INFO, NOT_MEASURED }

    /**
     * One metric of one pair: paced, virtual, virtual / paced, the verdict, and the paced repeat / paced (NaN if the
     * paced run was not repeated).
     */
    public record Check(Metric metric, double paced, double virtual, double ratio, Outcome outcome,
                        double repeatRatio) {

        static Check of(Metric metric, Pair pair) {
            double p = metric.of(pair.paced());
            double v = metric.of(pair.virtual());
            double repeat = pair.pacedAgain() == null ? Double.NaN : ratio(p, metric.of(pair.pacedAgain()));
            if (Double.isNaN(p) || Double.isNaN(v)) {
                return new Check(metric, p, v, Double.NaN, Outcome.NOT_MEASURED, repeat);
            }
            double ratio = ratio(p, v);
            if (!metric.targeted()) {
                return new Check(metric, p, v, ratio, Outcome.INFO, repeat);
            }
            Outcome outcome = Math.abs(ratio - 1) <= metric.tolerance() + 1e-9 ? Outcome.MET
                    : Math.abs(ratio - 1) <= Math.abs(repeat - 1) ? Outcome.WITHIN_REPEAT : Outcome.MISSED;
            return new Check(metric, p, v, ratio, outcome, repeat);
        }

        private static double ratio(double paced, double other) {
            return paced == 0 ? (other == 0 ? 1 : Double.POSITIVE_INFINITY) : other / paced;
        }

        /** @return whether the target was missed, within the repeat or not */
        public boolean missed() {
            return outcome == Outcome.MISSED || outcome == Outcome.WITHIN_REPEAT;
        }

        String cell(boolean markdown) {
            String verdict = switch (outcome) {
                case MET -> " ok";
                case MISSED -> markdown ? " **miss**" : " MISS";
                case WITHIN_REPEAT -> " miss, repeat " + Format.ratio(repeatRatio);
                default -> "";
            };
            return metric.format(paced) + " / " + metric.format(virtual) + ", " + Format.ratio(ratio) + verdict;
        }
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm X", Locale.ROOT);

    private ValidationReport() {
    }

    /** @return every metric of the pair, in {@link Metric} order */
    public static List<Check> checks(Pair pair) {
        List<Check> checks = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            checks.add(Check.of(metric, pair));
        }
        return checks;
    }

    /** @return the targeted metrics the pair missed (within the paced repeat or not) */
    public static List<Check> misses(Pair pair) {
        return checks(pair).stream().filter(Check::missed).toList();
    }

    static List<Pair> of(Result r, Study study) {
        return r.pairs().stream().filter(p -> p.study() == study).toList();
    }

    /** One study's table: a row per point and consumer, a column per metric. */
    static TextTable studyTable(Result r, Study study, boolean markdown) {
        List<Pair> pairs = of(r, study);
        boolean points = pairs.stream().anyMatch(p -> !p.point().isEmpty());
        List<String> header = new ArrayList<>();
        if (points) {
            header.add("point");
        }
        header.add("consumer");
        for (Metric metric : Metric.values()) {
            header.add(metric.label() + (metric.unit.isEmpty() ? "" : " " + metric.unit));
        }
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (Pair pair : pairs) {
            List<String> row = new ArrayList<>();
            if (points) {
                row.add(pair.point());
            }
            row.add(pair.consumer());
            for (Check check : checks(pair)) {
                row.add(check.cell(markdown));
            }
            table.row(row.toArray(String[]::new));
        }
        return table;
    }

    /** Targets met per metric and study: {@code met/compared}, and the misses counted. */
    static TextTable summaryTable(Result r) {
        List<String> header = new ArrayList<>(List.of("metric", "target"));
        for (Study study : r.studies()) {
            header.add(study.key());
        }
        header.add("all");
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (Metric metric : Metric.values()) {
            List<String> row = new ArrayList<>(List.of(metric.label(), metric.targeted() ? metric.target()
                    : "(within " + Math.round(Metric.P90.tolerance() * 100) + "%, not a target)"));
            for (Study study : r.studies()) {
                row.add(count(of(r, study), metric));
            }
            row.add(count(r.pairs(), metric));
            table.row(row.toArray(String[]::new));
        }
        return table;
    }

    /**
     * @return {@code met/compared} (p99: how many were within p90's tolerance), with {@code (+n)} for the misses within
     *         the paced repeat
     */
    private static String count(List<Pair> pairs, Metric metric) {
        int met = 0;
        int withinRepeat = 0;
        int compared = 0;
        for (Pair pair : pairs) {
            Check check = Check.of(metric, pair);
            if (check.outcome() == Outcome.NOT_MEASURED) {
                continue;
            }
            compared++;
            double tolerance = metric.targeted() ? metric.tolerance() : Metric.P90.tolerance();
            if (Math.abs(check.ratio() - 1) <= tolerance + 1e-9) {
                met++;
            } else if (check.outcome() == Outcome.WITHIN_REPEAT) {
                withinRepeat++;
            }
        }
        return met + (withinRepeat > 0 ? " (+" + withinRepeat + ")" : "") + "/" + compared;
    }

    /** @return targeted comparisons met, made, and missed within the paced repeat, over all pairs */
    public static int[] totals(Result r) {
        int met = 0;
        int made = 0;
        int withinRepeat = 0;
        for (Pair pair : r.pairs()) {
            for (Check check : checks(pair)) {
                if (check.outcome() == Outcome.MET || check.missed()) {
                    made++;
                    met += check.outcome() == Outcome.MET ? 1 : 0;
                    withinRepeat += check.outcome() == Outcome.WITHIN_REPEAT ? 1 : 0;
                }
            }
        }
        return new int[] {met, made, withinRepeat};
    }

    /** One sentence: how many targeted comparisons were met, and how many misses were within the paced repeat. */
    static String verdict(Result r) {
        int[] totals = totals(r);
        long pairsAllMet = r.pairs().stream().filter(p -> misses(p).isEmpty()).count();
        return String.format(Locale.ROOT, "%d of %d targeted comparisons met (%s); %d of %d runs met every target.",
                totals[0], totals[1], totals[1] == 0 ? "-" : Format.percent((double) totals[0] / totals[1]),
                pairsAllMet, r.pairs().size()) + (totals[2] > 0 ? String.format(Locale.ROOT, " Of the %d misses, %d"
                + " were no larger than the paced run's own move when repeated (marked `(+n)` and 'miss, repeat').",
                totals[1] - totals[0], totals[2]) : "");
    }

    private static String cellLegend() {
        return "Each cell: paced / virtual, then the ratio virtual / paced and whether it meets the target"
                + " (latencies in microseconds: notification latency, woken - intended arrival); 'miss, repeat R': a"
                + " miss no larger than the paced run's own move when played again right after its twin (R: repeat /"
                + " first), this machine's run-to-run variation.";
    }

    public static String text(Result r) {
        StringBuilder out = new StringBuilder();
        for (Study study : r.studies()) {
            out.append(study.title()).append(": ").append(study.description()).append('\n');
            out.append(studyTable(r, study, false).text()).append('\n');
        }
        out.append(cellLegend()).append('\n').append("targets met:\n").append(summaryTable(r).text());
        out.append(verdict(r)).append('\n');
        out.append("host model: ").append(r.model().source()).append('\n');
        return out.toString();
    }

    public static String markdown(Result r) {
        StringBuilder md = new StringBuilder();
        md.append("# Virtual time against hardware in the loop\n\n");
        md.append("Generated by `nicsim bench validation`, never edited by hand (the wording lives in"
                + " `bench/perf` `ValidationReport` and `ValidationWhy`). Each study's runs played three times on"
                + " this machine: paced (`run.clock: paced`, hardware in the loop: the device paced by the wall clock,"
                + " real consumer threads) and, right after each paced run, its virtual twin (`run.clock: virtual`: the"
                + " same scenario and seed with the host as a model,"
                + " docs/semantics.md#virtual-time-the-host-as-a-model), then paced again, to show how much the"
                + " machine itself moves between two identical runs."
                + " The virtual value is judged against the first paced one.\n\n");
        md.append("- Machine: ").append(r.machine().describe()).append('\n');
        md.append("- Date: ").append(DATE.format(r.finished())).append('\n');
        md.append("- Command: `").append(r.command()).append("`\n");
        md.append("- Host model: ").append(r.model().source()).append('\n');
        md.append("- Each run: ").append(Units.formatDuration(r.warmupNanos())).append(" warm-up + ")
                .append(Units.formatDuration(r.durationNanos())).append(" measured; ").append(r.pairs().size())
                .append(" paced runs, their twins and their repeats took ")
                .append(ValidationBenchmark.minutes(r.wallNanos())).append("\n\n");
        md.append("Targets: the virtual p50 within ").append(Math.round(Metric.P50.tolerance() * 100))
                .append("% of the paced one, p90 within ").append(Math.round(Metric.P90.tolerance() * 100))
                .append("%, interrupts/s within ").append(Math.round(Metric.INTERRUPTS.tolerance() * 100))
                .append("%, the consumer's CPU per packet within ").append(Math.round(Metric.CPU.tolerance() * 100))
                .append("%; p99 is shown for information.\n\n");
        md.append("## Summary\n\n").append(verdict(r)).append(load(r)).append("\n\n")
                .append(summaryTable(r).markdown()).append('\n');
        int number = 1;
        for (Study study : r.studies()) {
            md.append("## ").append(number++).append(". ").append(study.title()).append("\n\n")
                    .append(capitalized(study.description())).append(".\n\n")
                    .append(studyTable(r, study, true).markdown()).append('\n');
        }
        md.append(cellLegend()).append("\n\n");
        md.append(ValidationWhy.markdown(r));
        return md.toString();
    }

    /** @return a warning sentence when other processes loaded the machine during the paced runs, else "" */
    static String load(Result r) {
        double[] cores = r.pairs().stream().mapToDouble(Pair::otherCores).toArray();
        if (cores.length == 0) {
            return "";
        }
        double median = Format.median(cores);
        long loaded = r.pairs().stream().filter(p -> p.otherCores() >= Format.BUSY_NEIGHBOUR_CORES).count();
        return loaded == 0 ? "" : " Other processes used " + Format.cores(median) + " cores (median) during the"
                + " paced runs, and at least " + Format.cores(Format.BUSY_NEIGHBOUR_CORES) + " in " + loaded + " of "
                + cores.length + ": the paced figures are this machine's under that load, and a quiet machine is the"
                + " place for the comparison.";
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** @return the model's costs for the consumer, or null if it has none */
    static ModelKind kind(ModelFacts model, String consumer) {
        return model.kinds().get(consumer);
    }
}
