package io.nicsim.library;

import io.nicsim.bench.results.RunResult;
import io.nicsim.host.cost.RunCosts;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * One consumer's run of a study: its notification latency (woken - intended arrival, coordinated-omission corrected)
 * in microseconds, what became of its packets, and what it cost. A run played in rounds gives each latency figure as
 * the median over its rounds, as the command line's first table does; counts and costs are the rounds pooled.
 */
public final class ConsumerResult {

    private final RunResult run;
    private final Path runFolder;

    ConsumerResult(RunResult run, Path runFolder) {
        this.run = run;
        this.runFolder = runFolder;
    }

    /** @return the study's run folder, absolute: its summary.json holds this run's every figure */
    public Path runFolder() {
        return runFolder;
    }

    /** @return the consumer's name as in scenario files, e.g. {@code platform-thread} */
    public String consumer() {
        return run.consumer();
    }

    /** @return the run's name in tables: the consumer, or what a comparison varies */
    public String label() {
        return run.name();
    }

    /** @return {@code paced} (hardware in the loop: real threads, the wall clock) or {@code virtual} (a host model) */
    public String clock() {
        return run.output().clock();
    }

    /** @return the median notification latency, microseconds */
    public double p50Micros() {
        return micros("p50");
    }

    /** @return the 90th percentile of notification latency, microseconds */
    public double p90Micros() {
        return micros("p90");
    }

    /** @return the 99th percentile of notification latency, microseconds */
    public double p99Micros() {
        return micros("p99");
    }

    /** @return the 99.9th percentile of notification latency, microseconds */
    public double p999Micros() {
        return micros("p999");
    }

    /** @return the longest notification latency measured, microseconds */
    public double maxMicros() {
        return micros("max");
    }

    private double micros(String figure) {
        return run.notificationFigure(figure) / 1_000.0;
    }

    /** @return packets whose arrival time came during the run: always {@link #delivered()} + {@link #dropped()} */
    public long generated() {
        return run.packets().generated();
    }

    /** @return packets the consumer handled */
    public long delivered() {
        return run.packets().delivered();
    }

    /** @return packets lost, all reasons together */
    public long dropped() {
        return run.packets().dropped();
    }

    /**
     * @return dropped packets by reason ({@code ring-full}, {@code socket-full}, {@code handler-error}, ...; see
     *         docs/semantics.md), only reasons with drops, sorted by name
     */
    public Map<String, Long> dropReasons() {
        Map<String, Long> reasons = new TreeMap<>();
        run.packets().dropReasons().forEach((reason, count) -> {
            if (count != null && count > 0) {
                reasons.put(reason, count);
            }
        });
        return java.util.Collections.unmodifiableMap(reasons);
    }

    /** @return delivered packets recorded in the latency figures (those after the warm-up) */
    public long measured() {
        return run.packets().measured();
    }

    /**
     * @return CPU time of the consumer's threads per delivered packet (the built-in work model's or your handler's
     *         work included), nanoseconds; NaN where not measured
     */
    public double consumerCpuNanosPerPacket() {
        RunCosts costs = run.costs();
        return costs == null ? Double.NaN : costs.consumerCpuNanosPerPacket();
    }

    /**
     * @return system calls of the consumer's way of waiting per delivered packet (its waits, reads and writes, and the
     *         interrupt path's calls to wake it; exact for the epoll consumers, partly estimated for the JVM's waits:
     *         summary.json's {@code costs.syscalls} says which); NaN where not measured
     */
    public double syscallsPerPacket() {
        RunCosts costs = run.costs();
        return costs == null || costs.syscalls() == null ? Double.NaN : costs.syscalls().perPacket();
    }

    /** @return what your handler ({@code host.handler}) cost per packet, or null for the built-in work model */
    public HandlerCost handler() {
        return run.costs() == null ? null : HandlerCost.of(run.costs().handler());
    }

    /**
     * @return whether the run's traffic stopped before its end (a filesystem nearly full); its counts still balance
     */
    public boolean interrupted() {
        return run.interrupted();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s: p50 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.2f us;"
                        + " %d generated, %d delivered, %d dropped %s", label(), p50Micros(), p99Micros(),
                p999Micros(), maxMicros(), generated(), delivered(), dropped(), dropReasons());
    }
}
