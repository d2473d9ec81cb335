package io.nicsim.bench.report;

import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The study table printed at the end of a run: one row per consumer, latencies in microseconds. */
public final class LatencyTable {

    private static final String ROW = "%-26s %9s %9s %9s %9s %9s %13s %12s %10s %12s%n";

    private LatencyTable() {
    }

    public static String render(Summary summary) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, firstColumn(summary), "p50 us", "p90 us", "p99 us", "p99.9 us",
                "max us",
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

    private static final String STUDY_ROW = "%-26s %8s %8s %9s %11s %10s %13s %9s %11s %12s %11s  %s%n";

    /**
     * The study table: per consumer, notification latency (p50, p99, p99.9; the median over rounds for a run played
     * in rounds, {@link #renderRounds} gives their range), what each packet cost the consumer
     * (CPU, context switches, system calls: "~" when estimated), the carriers a consumer on virtual threads pinned
     * (most at once, of the scheduler's), memory per waiting consumer, p99 per traffic class, and whether the consumer
     * serves high-priority packets first. A figure not measured shows as "-".
     */
    public static String renderStudy(Summary summary) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, STUDY_ROW, firstColumn(summary), "p50 us", "p99 us", "p99.9 us",
                "CPU us/pkt", "ctxsw/pkt", "syscalls/pkt", "pinned", "mem/waiter", "high p99 us", "low p99 us",
                "high first"));
        for (RunResult run : summary.runs()) {
            io.nicsim.host.cost.RunCosts c = run.costs();
            out.append(String.format(Locale.ROOT, STUDY_ROW, run.name(), micros(run.notificationFigure("p50")),
                    micros(run.notificationFigure("p99")), micros(run.notificationFigure("p999")),
                    c == null ? "-" : micros(Math.round(c.consumerCpuNanosPerPacket())),
                    c == null ? "-" : String.format(Locale.ROOT, "%.3f",
                            c.voluntarySwitchesPerPacket() + c.involuntarySwitchesPerPacket()),
                    syscalls(c), pinned(c),
                    c == null ? "-" : bytes(c.memoryBytesPerWaiter()),
                    classP99(run, "high"), classP99(run, "low"), highFirst(run.priority())));
        }
        return out.toString();
    }

    /** @return system calls per packet, "~" before an estimate, "-" when not measured */
    public static String syscalls(io.nicsim.host.cost.RunCosts costs) {
        io.nicsim.host.cost.SyscallCosts calls = costs == null ? null : costs.syscalls();
        if (calls == null || Double.isNaN(calls.perPacket())) {
            return "-";
        }
        return (calls.exact() ? "" : "~") + String.format(Locale.ROOT, "%.3f", calls.perPacket());
    }

    /** @return carriers pinned at most of the scheduler's ("1/2"), "-" for a consumer not on virtual threads */
    public static String pinned(io.nicsim.host.cost.RunCosts costs) {
        io.nicsim.host.cost.CarrierCosts carriers = costs == null ? null : costs.carriers();
        return carriers == null ? "-" : carriers.peakPinned() + "/" + carriers.parallelism();
    }

    private static final String ROUNDS_ROW = "%-26s %24s %24s %24s   %s%n";

    /**
     * Runs played in rounds: each figure of notification latency as the median over rounds with its range (min..max),
     * and where in each round's order the run played; empty if no run was played in rounds.
     */
    public static String renderRounds(Summary summary) {
        if (summary.runs().stream().allMatch(run -> run.rounds() == null)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        RunResult first = summary.runs().stream().filter(run -> run.rounds() != null).findFirst().orElseThrow();
        out.append(String.format(Locale.ROOT, ROUNDS_ROW, first.rounds().count() + " rounds, us", "p50 (range)",
                "p99 (range)", "p99.9 (range)", "played at"));
        for (RunResult run : summary.runs()) {
            if (run.rounds() != null) {
                out.append(String.format(Locale.ROOT, ROUNDS_ROW, roundsCells(run).toArray()));
            }
        }
        return out.toString();
    }

    /**
     * @return one run's row of the rounds table, as the terminal and report.html show it: name, p50, p99 and p99.9 as
     *         median (min..max), and its position in each round's order (from 1)
     */
    static List<String> roundsCells(RunResult run) {
        return List.of(run.name(), spread(run.rounds().spread("p50")), spread(run.rounds().spread("p99")),
                spread(run.rounds().spread("p999")), String.join(", ", run.rounds().perRound().stream()
                        .map(round -> String.valueOf(round.position() + 1)).toList()));
    }

    /** @return "median (min..max)" in microseconds */
    private static String spread(io.nicsim.bench.results.Rounds.Spread spread) {
        return micros(spread.median()) + " (" + micros(spread.min()) + ".." + micros(spread.max()) + ")";
    }

    private static String classP99(RunResult run, String trafficClass) {
        LatencySummary summary = run.byClass() == null ? null : run.byClass().get(trafficClass);
        return summary == null || summary.count() == 0 ? "-" : micros(summary.p99());
    }

    private static String highFirst(String priority) {
        return priority == null ? "-" : priority.startsWith("yes") ? "yes" : "no";
    }

    /** @return bytes with a binary unit, or "-" when not measured (NaN or negative) */
    public static String bytes(double value) {
        if (!(value >= 0)) {
            return "-";
        }
        return value >= 10_240 ? String.format(Locale.ROOT, "%.1f KiB", value / 1024.0)
                : String.format(Locale.ROOT, "%,.0f B", value);
    }

    /**
     * @return one line per distinct way the runs treat high-priority packets, e.g. {@code high first: no for
     *         busy-poll, platform-thread (one thread drains the ring in arrival order)}; empty if none is known
     */
    public static String renderPriorities(Summary summary) {
        Map<String, List<String>> byPriority = new LinkedHashMap<>();
        for (RunResult run : summary.runs()) {
            if (run.priority() != null) {
                byPriority.computeIfAbsent(run.priority(), k -> new ArrayList<>()).add(run.name());
            }
        }
        StringBuilder out = new StringBuilder();
        byPriority.forEach((priority, runs) -> {
            int colon = priority.indexOf(':');
            String answer = colon < 0 ? priority : priority.substring(0, colon);
            String why = colon < 0 ? "" : " (" + priority.substring(colon + 1).trim() + ")";
            out.append("high first: ").append(answer).append(" for ").append(String.join(", ", runs)).append(why)
                    .append('\n');
        });
        if (!byPriority.isEmpty()) {
            out.append("Java thread priorities: ").append(io.nicsim.host.consumer.Priorities.javaThreadPriorities())
                    .append('\n');
        }
        return out.toString();
    }

    private static final String STAGE_ROW = "%-26s %9s %9s %9s %9s %9s %9s %9s   %9s %9s %9s%n";
    private static final String[] STAGES = {"detect", "dma", "writeBack", "hold", "deliver", "wake", "handle"};

    /**
     * The median of each latency stage per run, in microseconds: where the time goes; then how late the simulated
     * device itself was (appended - model write-back time: p50, p99, max), so a reader sees what the simulator added.
     */
    public static String renderStages(Summary summary) {
        StringBuilder out = new StringBuilder();
        Object[] header = new Object[STAGES.length + 4];
        header[0] = "stage p50 us";
        System.arraycopy(STAGES, 0, header, 1, STAGES.length);
        header[STAGES.length + 1] = "lag p50";
        header[STAGES.length + 2] = "lag p99";
        header[STAGES.length + 3] = "lag max";
        out.append(String.format(Locale.ROOT, STAGE_ROW, header));
        for (RunResult run : summary.runs()) {
            Object[] cells = new Object[STAGES.length + 4];
            cells[0] = run.name();
            LatencySummary lag = run.deviceLagNanos();
            cells[STAGES.length + 1] = lag == null ? "-" : micros(lag.p50());
            cells[STAGES.length + 2] = lag == null ? "-" : micros(lag.p99());
            cells[STAGES.length + 3] = lag == null ? "-" : micros(lag.max());
            for (int i = 0; i < STAGES.length; i++) {
                LatencySummary stage = run.latencyNanos().stages() == null ? null : run.latencyNanos().stages()
                        .get(STAGES[i]);
                cells[i + 1] = stage == null ? "-" : micros(stage.p50());
            }
            out.append(String.format(Locale.ROOT, STAGE_ROW, cells));
        }
        return out.toString();
    }

    private static final String JITTER_ROW = "%-26s %9s %9s %9s %9s %9s   %s%n";

    /**
     * The platform's own jitter over each paced run's measured window (a probe thread's late wake-ups: p50, p99, max,
     * the share of the window lost), and whether the run's notification p99 lies within it; empty if no run has it.
     */
    public static String renderJitter(Summary summary) {
        if (summary.runs().stream().allMatch(run -> run.platformJitter() == null)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, JITTER_ROW, "platform jitter us", "p50", "p99", "max", "lost",
                "p99 us", "notification p99"));
        for (RunResult run : summary.runs()) {
            out.append(String.format(Locale.ROOT, JITTER_ROW, jitterCells(run).toArray()));
        }
        return out.toString();
    }

    /**
     * @return one run's row of the jitter table, as the terminal and report.html show it: name, the probe's late
     *         wake-ups (p50, p99, max), the share lost, the notification p99 and the verdict ("-" without a probe)
     */
    static List<String> jitterCells(RunResult run) {
        io.nicsim.bench.results.PlatformJitter jitter = run.platformJitter();
        long p99 = run.notificationFigure("p99");
        if (jitter == null) {
            return List.of(run.name(), "-", "-", "-", "-", micros(p99), "-");
        }
        LatencySummary late = jitter.lateNanos();
        return List.of(run.name(), micros(late.p50()), micros(late.p99()), micros(late.max()),
                String.format(Locale.ROOT, "%.2f%%", 100 * jitter.lostShare()), micros(p99),
                jitterVerdict(jitter, p99));
    }

    /** @return whether a run's notification p99 lies within the platform's jitter, and why, in a few words */
    static String jitterVerdict(io.nicsim.bench.results.PlatformJitter jitter, long p99Nanos) {
        if (jitter.coversP99(p99Nanos)) {
            return "within the platform's jitter: the machine's as much as the consumer's";
        }
        if (jitter.lostShare() < io.nicsim.bench.results.PlatformJitter.TAIL_SHARE) {
            return String.format(Locale.ROOT, "the consumer's: the platform lost only %.2f%% of the time",
                    100 * jitter.lostShare());
        }
        return "the consumer's: longer than any platform stall";
    }

    private static final String COST_ROW = "%-26s %13s %13s %13s %15s %13s %8s%n";

    /**
     * What each run cost per packet over its measured window: the consumer's CPU (for virtual threads, their
     * carriers'), its voluntary (blocked) and involuntary (preempted) context switches, its scheduling delay,
     * the whole process's CPU, and GC time; then, when a user's handler ran, {@link #renderHandler}. Empty when no run
     * measured costs.
     */
    public static String renderCosts(Summary summary) {
        if (summary.runs().stream().noneMatch(run -> run.costs() != null)) {
            return "";
        }
        String handler = renderHandler(summary);
        String syscalls = renderSyscalls(summary);
        return renderConsumerCosts(summary) + (syscalls.isEmpty() ? "" : "\n" + syscalls)
                + (handler.isEmpty() ? "" : "\n" + handler);
    }

    private static final String SYSCALL_ROW = "%-26s %10s %13s %10s %11s  %s%n";

    /**
     * System calls per packet of each run's way of waiting: the consumer's blocking waits, its reads and writes, the
     * interrupt path's calls to wake it, their sum ("~" when a figure is estimated); then how each was measured, and
     * the carriers of the runs on virtual threads. Empty when no run measured them.
     */
    public static String renderSyscalls(Summary summary) {
        if (summary.runs().stream().allMatch(run -> run.costs() == null || run.costs().syscalls() == null)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, SYSCALL_ROW, "syscalls per packet", "waits", "reads+writes",
                "wake-ups", "all", "measured"));
        java.util.Set<String> hows = new java.util.LinkedHashSet<>();
        List<String> carriers = new ArrayList<>();
        for (RunResult run : summary.runs()) {
            List<String> cells = syscallCells(run);
            if (cells == null) {
                continue;
            }
            out.append(String.format(Locale.ROOT, SYSCALL_ROW, cells.toArray()));
            run.costs().syscalls().figures().forEach(figure -> hows.add(figure.calls() + ": " + figure.how()));
            if (run.costs().carriers() != null) {
                carriers.add(run.name() + ": " + run.costs().carriers().describe());
            }
        }
        hows.forEach(how -> out.append("  ").append(how).append('\n'));
        if (!carriers.isEmpty()) {
            out.append("carriers (virtual threads): ").append(String.join("; ", carriers)).append('\n');
        }
        return out.toString();
    }

    /**
     * @return one run's row of the syscall table, as the terminal and report.html show it: name, waits, reads+writes,
     *         wake-ups, all ("~" estimated, "-" not measured), exact or estimated; null if not measured
     */
    static List<String> syscallCells(RunResult run) {
        io.nicsim.host.cost.SyscallCosts calls = run.costs() == null ? null : run.costs().syscalls();
        if (calls == null) {
            return null;
        }
        List<String> cells = new ArrayList<>(List.of(run.name()));
        for (io.nicsim.host.cost.SyscallCosts.Figure figure : calls.figures()) {
            cells.add(Double.isNaN(figure.perPacket()) ? "-"
                    : (figure.exact() ? "" : "~") + String.format(Locale.ROOT, "%.3f", figure.perPacket()));
        }
        cells.add(syscalls(run.costs()));
        cells.add(calls.exact() ? "exact" : "estimated (~)");
        return cells;
    }

    private static final String HANDLER_ROW = "%-22s %-18s %6s %10s %14s %11s %10s %7s %8s%n";

    /**
     * What a user's handler ({@code host.handler}) cost per packet in each run that called one: its own CPU time,
     * the time it spent blocked or waiting for its completion, what it allocated, and the packets it failed
     * ({@code handler-error}) or still held at the end ({@code handler-timeout}), with the first failure's line. Empty
     * when only the built-in work model ran.
     */
    public static String renderHandler(Summary summary) {
        if (summary.runs().stream().allMatch(run -> handlerCosts(run) == null && run.handler() == null)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, HANDLER_ROW, "handler per packet", "class", "kind", "CPU us/pkt",
                "blocked us/pkt", "alloc B/pkt", "alloc MB/s", "errors", "timeouts"));
        List<String> notes = new ArrayList<>();
        for (RunResult run : summary.runs()) {
            List<String> cells = handlerCells(run);
            if (cells == null) {
                continue;
            }
            out.append(String.format(Locale.ROOT, HANDLER_ROW, cells.toArray()));
            io.nicsim.host.cost.HandlerCosts costs = handlerCosts(run);
            if (costs != null) {
                String measured = measuredBy(costs);
                if (!notes.contains(measured)) {
                    notes.addFirst(measured);
                }
            }
            if (run.handler() != null && run.handler().firstError() != null) {
                notes.add(run.name() + ": first handler error: " + run.handler().firstError());
            }
            if (run.handler() != null && !run.handler().stuck().isEmpty()) {
                notes.add(run.name() + ": stuck in the handler at the drain timeout: "
                        + String.join("; ", run.handler().stuck()));
            }
        }
        notes.forEach(note -> out.append(note).append('\n'));
        return out.toString();
    }

    /**
     * @return one run's row of the handler table, as the terminal and report.html show it: name, class, kind, CPU,
     *         blocked (us/pkt), allocation (B/pkt, MB/s), errors, timeouts ("-" not measured); null if no user's
     *         handler ran
     */
    static List<String> handlerCells(RunResult run) {
        io.nicsim.host.cost.HandlerCosts costs = handlerCosts(run);
        io.nicsim.bench.results.HandlerReport report = run.handler();
        if (costs == null && report == null) {
            return null;
        }
        String className = costs != null ? costs.className() : report.className();
        return List.of(run.name(), className.substring(className.lastIndexOf('.') + 1),
                costs != null ? costs.kind() : report.kind(),
                costs == null ? "-" : microsOrDash(costs.cpuNanosPerPacket()),
                costs == null ? "-" : microsOrDash(costs.blockedNanosPerPacket()),
                costs == null ? "-" : bytesPerPacket(costs.allocatedBytesPerPacket()),
                costs == null || !(costs.allocatedBytesPerSecond() >= 0) ? "-"
                        : String.format(Locale.ROOT, "%,.1f", costs.allocatedBytesPerSecond() / 1e6),
                report == null ? "-" : count(report.errors()), report == null ? "-" : count(report.timeouts()));
    }

    /**
     * @return how a run's handler figures were measured, as a note under the table: timed in the run (CPU read on
     *         one call in N) or by the virtual-time probe before the run
     */
    static String measuredBy(io.nicsim.host.cost.HandlerCosts costs) {
        if (io.nicsim.host.cost.HandlerCosts.BY_PROBE.equals(costs.measuredBy())) {
            return String.format(Locale.ROOT, "measured by the virtual-time probe before the run (%,d calls on a"
                    + " thread of its own): the model charged these figures", costs.calls());
        }
        return "measured around each call in the run" + (costs.cpuSampledEvery() > 1 ? String.format(Locale.ROOT,
                " (CPU read on 1 call in %d)", costs.cpuSampledEvery()) : "");
    }

    private static io.nicsim.host.cost.HandlerCosts handlerCosts(RunResult run) {
        return run.costs() == null ? null : run.costs().handler();
    }

    private static String microsOrDash(double nanos) {
        return Double.isNaN(nanos) ? "-" : micros(Math.round(nanos));
    }

    private static String bytesPerPacket(double value) {
        return !(value >= 0) ? "-" : value >= 10_240 ? bytes(value) : String.format(Locale.ROOT, "%,.1f", value);
    }

    private static String renderConsumerCosts(Summary summary) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, COST_ROW, "cost per packet", "consumer CPU", "blocked ctxsw",
                "preempted", "sched delay", "process CPU", "GC ms"));
        for (RunResult run : summary.runs()) {
            io.nicsim.host.cost.RunCosts c = run.costs();
            if (c == null) {
                continue;
            }
            out.append(String.format(Locale.ROOT, COST_ROW, run.name(),
                    micros(Math.round(c.consumerCpuNanosPerPacket())) + " us",
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
