package io.nicsim.bench.report;

import java.util.Locale;

/** The study table printed at the end of a run: one row per consumer, latencies in microseconds. */
public final class LatencyTable {

    private static final String ROW = "%-16s %9s %9s %9s %9s %9s %13s %12s %10s %12s%n";

    private LatencyTable() {
    }

    public static String render(Summary summary) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, firstColumn(summary), "p50 us", "p90 us", "p99 us", "p99.9 us", "max us",
                "p99 uncorr us", "packets", "drops", "interrupts"));
        for (RunResult run : summary.runs()) {
            LatencySummary n = run.latencyNanos().notification();
            out.append(String.format(Locale.ROOT, ROW, run.name(), micros(n.p50()), micros(n.p90()),
                    micros(n.p99()), micros(n.p999()), micros(n.max()),
                    micros(run.latencyNanos().notificationUncorrected().p99()),
                    count(run.packets().delivered()), count(run.packets().dropped()), count(run.interrupts())));
        }
        return out.toString();
    }

    private static final String STAGE_ROW = "%-16s %9s %9s %9s %9s %9s %9s%n";
    private static final String[] STAGES = {"detect", "dma", "hold", "deliver", "wake", "handle"};

    /** The median of each latency stage per run, in microseconds: where the time goes. */
    public static String renderStages(Summary summary) {
        StringBuilder out = new StringBuilder();
        Object[] header = new Object[STAGES.length + 1];
        header[0] = "stage p50 us";
        System.arraycopy(STAGES, 0, header, 1, STAGES.length);
        out.append(String.format(Locale.ROOT, STAGE_ROW, header));
        for (RunResult run : summary.runs()) {
            Object[] cells = new Object[STAGES.length + 1];
            cells[0] = run.name();
            for (int i = 0; i < STAGES.length; i++) {
                LatencySummary stage = run.latencyNanos().stages() == null ? null : run.latencyNanos().stages().get(STAGES[i]);
                cells[i + 1] = stage == null ? "-" : micros(stage.p50());
            }
            out.append(String.format(Locale.ROOT, STAGE_ROW, cells));
        }
        return out.toString();
    }

    private static final String COST_ROW = "%-16s %13s %13s %13s %15s %13s %8s%n";

    /**
     * What each run cost per packet over its measured window: the consumer's CPU (for virtual threads, their
     * carriers'), its voluntary (blocked) and involuntary (preempted) context switches, its scheduling delay,
     * the whole process's CPU, and GC time. Empty when no run measured costs.
     */
    public static String renderCosts(Summary summary) {
        if (summary.runs().stream().noneMatch(run -> run.costs() != null)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, COST_ROW, "cost per packet", "consumer CPU", "blocked ctxsw",
                "preempted", "sched delay", "process CPU", "GC ms"));
        for (RunResult run : summary.runs()) {
            io.nicsim.host.cost.RunCosts c = run.costs();
            if (c == null) {
                continue;
            }
            out.append(String.format(Locale.ROOT, COST_ROW, run.name(), micros(Math.round(c.consumerCpuNanosPerPacket())) + " us",
                    String.format(Locale.ROOT, "%.3f", c.voluntarySwitchesPerPacket()),
                    String.format(Locale.ROOT, "%.3f", c.involuntarySwitchesPerPacket()),
                    micros(Math.round(c.runQueueWaitNanosPerPacket())) + " us",
                    micros(Math.round(c.processCpuNanosPerPacket())) + " us", count(c.gcMillis())));
        }
        return out.toString();
    }

    /** "consumer" when each run is named after its consumer, else "run" (a comparison of policies). */
    private static String firstColumn(Summary summary) {
        return summary.runs().stream().allMatch(run -> run.name().equals(run.consumer())) ? "consumer" : "run";
    }

    /** @return microseconds with 3 significant digits below 1,000, then whole and grouped */
    public static String micros(long nanos) {
        double us = nanos / 1_000.0;
        return us < 9.995 ? String.format(Locale.ROOT, "%.2f", us)
                : us < 999.95 ? String.format(Locale.ROOT, "%.1f", us)
                : String.format(Locale.ROOT, "%,.0f", us);
    }

    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
