package io.nicsim.bench.report;

import java.util.Locale;

/** The study table printed at the end of a run: one row per consumer, latencies in microseconds. */
public final class LatencyTable {

    private static final String ROW = "%-16s %9s %9s %9s %9s %9s %13s %12s %10s %12s%n";

    private LatencyTable() {
    }

    public static String render(Summary summary) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "consumer", "p50 us", "p90 us", "p99 us", "p99.9 us", "max us",
                "p99 uncorr us", "packets", "drops", "interrupts"));
        for (RunResult run : summary.runs()) {
            LatencySummary n = run.latencyNanos().notification();
            out.append(String.format(Locale.ROOT, ROW, run.consumer(), micros(n.p50()), micros(n.p90()),
                    micros(n.p99()), micros(n.p999()), micros(n.max()),
                    micros(run.latencyNanos().notificationUncorrected().p99()),
                    count(run.packets().delivered()), count(run.packets().dropped()), count(run.interrupts())));
        }
        return out.toString();
    }

    static String micros(long nanos) {
        double us = nanos / 1_000.0;
        return us < 9.995 ? String.format(Locale.ROOT, "%.2f", us)
                : us < 999.95 ? String.format(Locale.ROOT, "%.1f", us)
                : String.format(Locale.ROOT, "%,.0f", us);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
