package io.nicsim.bench.report;

import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.host.cost.HandlerCosts;

import java.util.Locale;

/**
 * The terminal table of what the user's handler ({@code host.handler}) cost per packet in each run: its CPU, its
 * blocked time, what it allocated, and how that was measured (timed in the run, or by the virtual-time probe).
 */
public final class HandlerTable {

    private static final String ROW = "%-22s %12s %12s %14s %12s  %s%n";

    private HandlerTable() {
    }

    /** @return the table, or empty when no run called a user's handler */
    public static String render(Summary summary) {
        HandlerCosts first = summary.runs().stream().map(HandlerTable::handler).filter(h -> h != null).findFirst()
                .orElse(null);
        if (first == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("your handler ").append(first.className()).append(", per packet:").append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, ROW, "run", "CPU", "blocked", "allocated", "alloc rate",
                "measured by"));
        for (RunResult run : summary.runs()) {
            HandlerCosts h = handler(run);
            if (h == null) {
                continue;
            }
            out.append(String.format(Locale.ROOT, ROW, run.name() + " (" + h.kind() + ")",
                    LatencyTable.micros(Math.round(h.cpuNanosPerPacket())) + " us",
                    LatencyTable.micros(Math.round(h.blockedNanosPerPacket())) + " us",
                    bytes(h.allocatedBytesPerPacket()) + " B", megabytes(h.allocatedBytesPerSecond()) + " MB/s",
                    measuredBy(h)));
        }
        return out.toString();
    }

    private static HandlerCosts handler(RunResult run) {
        return run.costs() == null ? null : run.costs().handler();
    }

    /** @return "the run (1 in 8 calls' CPU read)" or "the virtual-time probe (20,000 calls)" */
    static String measuredBy(HandlerCosts h) {
        if (HandlerCosts.BY_PROBE.equals(h.measuredBy())) {
            return String.format(Locale.ROOT, "the virtual-time probe (%,d calls)", h.calls());
        }
        return "the run" + (h.cpuSampledEvery() > 1 ? String.format(Locale.ROOT, " (CPU of 1 in %d calls)",
                h.cpuSampledEvery()) : "");
    }

    private static String bytes(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String megabytes(double bytesPerSecond) {
        return Double.isNaN(bytesPerSecond) ? "-" : String.format(Locale.ROOT, "%,.1f", bytesPerSecond / 1e6);
    }
}
