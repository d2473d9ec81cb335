package io.nicsim.bench.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;
import java.util.Map;

/**
 * One line of a study's live feed ({@value LiveFeed#FILE_NAME} in its folder, written with {@code --live}): the
 * study started, a second of a run was measured, a sweep's or tune's point finished, the study ended. A dashboard
 * tails the file; nothing but this file passes between a running study and the dashboard.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LiveEvent.Started.class, name = "started"),
        @JsonSubTypes.Type(value = LiveEvent.Second.class, name = "second"),
        @JsonSubTypes.Type(value = LiveEvent.PointDone.class, name = "point"),
        @JsonSubTypes.Type(value = LiveEvent.Ended.class, name = "ended")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface LiveEvent {

    /**
     * The study began: always the feed's first line.
     *
     * @param command   run, sweep, compare or tune
     * @param scenario  the scenario's name
     * @param policy    its firmware policy
     * @param consumers the consumers it runs, in order
     * @param clock     paced or virtual
     * @param pid       the process writing the feed (a feed whose process is gone and that has no
     *                  {@link Ended} line was cut short)
     * @param startedAt when, ISO-8601 UTC
     * @param points    points planned (1 for a run or a comparison)
     */
    record Started(String command, String scenario, String policy, List<String> consumers, String clock, long pid,
                   String startedAt, int points) implements LiveEvent {
    }

    /**
     * One second of a run's traffic schedule, measured as it happened (a paced run) or as it was modelled (a
     * virtual one). Latency figures are of the packets intended in that second and handled by the time it was
     * written; the run's summary.json has the final figures.
     *
     * @param point              the sweep's or tune's point label, null for a run or comparison
     * @param run                the consumer run's label
     * @param second             the second of the schedule, from 0 (warm-up seconds first)
     * @param warmup             whether it is a warm-up second
     * @param packets            packets handled that were intended in it
     * @param p50Nanos           notification latency's median in it (0 with no packet)
     * @param p99Nanos           its 99th percentile
     * @param p999Nanos          its 99.9th percentile
     * @param interruptsPerSecond interrupts the device raised in it
     * @param drops              packets dropped in it, all reasons
     * @param consumerCpu        the consumer's CPU in it, in cores (1.0: one core busy), null where not measured
     * @param jitterP99Nanos     the platform-jitter probe's lateness p99 in it, null where not measured
     */
    record Second(String point, String run, int second, boolean warmup, long packets, long p50Nanos, long p99Nanos,
                  long p999Nanos, long interruptsPerSecond, long drops, Double consumerCpu, Long jitterP99Nanos)
            implements LiveEvent {
    }

    /**
     * A sweep's or tune's point (or a comparison's run) finished, its folder written.
     *
     * @param index    which point, from 1
     * @param count    points planned
     * @param label    its label
     * @param folder   its run folder, relative to the study's folder
     * @param headline its headline figures (e.g. p50Nanos, p99Nanos, interruptsPerSecond), by name
     */
    record PointDone(int index, int count, String label, String folder, Map<String, Long> headline)
            implements LiveEvent {
    }

    /**
     * The study ended: always the feed's last line when its process ended on its own or on Ctrl-C.
     *
     * @param outcome completed, interrupted or failed
     * @param detail  one line saying why, for interrupted or failed (null when completed)
     */
    record Ended(String outcome, String detail) implements LiveEvent {
    }
}
