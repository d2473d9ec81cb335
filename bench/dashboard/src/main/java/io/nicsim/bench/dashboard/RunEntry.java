package io.nicsim.bench.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One row of the run list: a folder under the runs folder that holds a summary.json, a sweep.json, a tune.json or a
 * live feed.
 *
 * @param path      the folder, relative to the runs folder ('/'-separated)
 * @param kind      run, compare, sweep or tune
 * @param scenario  the scenario's name
 * @param date      when it started ({@code yyyy-MM-dd HH:mm:ss}, local time; from the folder's name, its feed, or its
 *                  file's time)
 * @param policy    its firmware policies, comma-separated
 * @param consumers its consumer runs' labels, in order
 * @param headline  notification latency per consumer run; a sweep's best point per consumer and a tune's best point
 *                  ({@link StudyHeadlines})
 * @param state     live, starting, cut-short (its process died without ending its feed), completed, interrupted,
 *                  failed, or disk-full (stopped by nicsim: a filesystem nearly full)
 * @param live      whether it has a live feed (then the page can follow it)
 * @param report    whether it has a report.html
 * @param problem   why its results could not be read (one line), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunEntry(String path, String kind, String scenario, String date, String policy, List<String> consumers,
                       List<Headline> headline, String state, boolean live, boolean report, String problem) {

    /**
     * One consumer run's headline figures: notification latency's median and 99th percentile (the median over rounds
     * where it ran in rounds).
     *
     * @param run the run's label
     */
    public record Headline(String run, long p50Nanos, long p99Nanos) {
    }
}
