package io.nicsim.bench.report;

import io.nicsim.bench.results.Sweep;
import io.nicsim.bench.results.Sweep.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A sweep's rows as a table for the terminal. */
public final class SweepTable {

    private SweepTable() {
    }

    /** A sweep's rows as a table for the terminal, latencies in microseconds. */
    public static String render(Sweep sweep) {
        StringBuilder out = new StringBuilder();
        List<String> head = new ArrayList<>(sweep.parameters().stream().map(Sweep::shortKey).toList());
        int paramWidth = 10;
        for (Row row : sweep.rows()) {
            for (String p : sweep.parameters()) {
                paramWidth = Math.max(paramWidth, row.parameters().getOrDefault(p, "").length());
            }
        }
        for (String h : head) {
            paramWidth = Math.max(paramWidth, h.length());
        }
        String paramFormat = "%-" + (paramWidth + 1) + "s";
        for (String h : head) {
            out.append(String.format(Locale.ROOT, paramFormat, h));
        }
        out.append(String.format(Locale.ROOT, "%-16s %9s %9s %9s %13s %12s %10s%n", "consumer", "p50 us", "p99 us",
                "p99.9 us", "interrupts/s", "CPU us/pkt", "drops"));
        for (Row row : sweep.rows()) {
            for (String p : sweep.parameters()) {
                out.append(String.format(Locale.ROOT, paramFormat, row.parameters().get(p)));
            }
            out.append(String.format(Locale.ROOT, "%-16s %9s %9s %9s %13s %12s %10s%n", row.consumer()
                    + (row.interrupted() ? " *" : ""), LatencyTable.micros(row.p50Nanos()),
                            LatencyTable.micros(row.p99Nanos()),
                    LatencyTable.micros(row.p999Nanos()), LatencyTable.count(Math.round(row.interruptsPerSecond())),
                    row.consumerCpuNanosPerPacket() < 0 ? "-"
                            : LatencyTable.micros(Math.round(row.consumerCpuNanosPerPacket())),
                    LatencyTable.count(row.dropped())));
        }
        if (sweep.rows().stream().anyMatch(Row::interrupted)) {
            out.append("* its traffic was stopped early (Ctrl-C)\n");
        }
        return out.toString();
    }
}
