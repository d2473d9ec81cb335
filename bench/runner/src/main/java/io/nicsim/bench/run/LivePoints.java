package io.nicsim.bench.run;

import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.LiveEvent;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link LiveEvent.PointDone} of a finished sweep point, tune run or comparison's run, with its headline figures
 * from its results (summary.json's): {@code p50Nanos}, {@code p99Nanos}, {@code p999Nanos}, {@code maxNanos},
 * {@code interruptsPerSecond}, {@code generated}, {@code drops} and, where measured, {@code cpuNanosPerPacket}. A
 * point of several runs (a sweep point of several consumers) has its first run's figures under those names and every
 * run's under {@code LABEL.NAME} ({@code event-loop.p99Nanos}).
 */
public final class LivePoints {

    private LivePoints() {
    }

    /**
     * @param index  the point's number, from 1
     * @param count  points planned
     * @param label  its label (a sweep's or tune's point label, a comparison's run label)
     * @param folder its folder, relative to the study's folder
     * @param runs   its runs' results (none: a point stopped before any run finished)
     */
    public static LiveEvent.PointDone done(int index, int count, String label, String folder, List<RunResult> runs) {
        return new LiveEvent.PointDone(index, count, label, folder, headline(runs));
    }

    /** @return {@link #done(int, int, String, String, List)} of a point's summary.json */
    public static LiveEvent.PointDone done(int index, int count, String label, String folder, Summary summary) {
        return done(index, count, label, folder, summary.runs());
    }

    /** @return the headline figures of a point's runs, by name (empty for none) */
    public static Map<String, Long> headline(List<RunResult> runs) {
        Map<String, Long> headline = new LinkedHashMap<>();
        if (runs.isEmpty()) {
            return headline;
        }
        headline.putAll(figures(runs.getFirst()));
        if (runs.size() > 1) {
            for (RunResult run : runs) {
                figures(run).forEach((name, value) -> headline.put(run.name() + "." + name, value));
            }
        }
        return headline;
    }

    /** @return one run's headline figures */
    static Map<String, Long> figures(RunResult run) {
        Map<String, Long> figures = new LinkedHashMap<>();
        LatencySummary latency = run.latencyNanos().notification();
        figures.put("p50Nanos", latency.p50());
        figures.put("p99Nanos", latency.p99());
        figures.put("p999Nanos", latency.p999());
        figures.put("maxNanos", latency.max());
        figures.put("interruptsPerSecond", Math.round(run.interruptsPerSecond()));
        figures.put("generated", run.packets().generated());
        figures.put("drops", run.packets().dropped());
        if (run.costs() != null && Double.isFinite(run.costs().consumerCpuNanosPerPacket())) {
            figures.put("cpuNanosPerPacket", Math.round(run.costs().consumerCpuNanosPerPacket()));
        }
        return figures;
    }
}
