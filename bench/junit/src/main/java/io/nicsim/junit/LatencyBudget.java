package io.nicsim.junit;

import io.nicsim.library.ConsumerResult;
import io.nicsim.library.HandlerCost;
import org.opentest4j.AssertionFailedError;

import java.util.Locale;

/**
 * A latency budget for one consumer's run, checked as it is stated: each method fails at once, with an
 * {@link AssertionFailedError} naming the consumer, the figure, the budget and the run folder, or returns this
 * budget for the next.
 *
 * <pre>{@code
 * LatencyBudget.assertThat(result.consumer("platform-thread"))
 *         .hasNoDrops()
 *         .p99AtMostMicros(500)
 *         .p999AtMostMicros(2_000);
 * }</pre>
 *
 * A run that measured no packet, or whose traffic stopped early, fails {@link #assertThat} itself: a budget held over
 * nothing, or over part of a run, proves nothing.
 */
public final class LatencyBudget {

    private final ConsumerResult run;

    private LatencyBudget(ConsumerResult run) {
        this.run = run;
    }

    /**
     * @param run one consumer's run
     * @return its budget, to state
     * @throws AssertionFailedError if the run measured no packet or was cut short
     */
    public static LatencyBudget assertThat(ConsumerResult run) {
        LatencyBudget budget = new LatencyBudget(run);
        if (run.measured() == 0) {
            throw budget.failure("measured no packet (" + run.generated() + " generated, " + run.delivered()
                    + " delivered, the rest in the warm-up or dropped " + run.dropReasons() + ")", null, null);
        }
        if (run.interrupted()) {
            throw budget.failure("its traffic stopped before the end of the run (a filesystem nearly full)", null,
                    null);
        }
        return budget;
    }

    /** @return this budget, if the median notification latency is at most {@code micros} */
    public LatencyBudget p50AtMostMicros(double micros) {
        return atMost("p50", run.p50Micros(), micros);
    }

    /** @return this budget, if the 90th percentile of notification latency is at most {@code micros} */
    public LatencyBudget p90AtMostMicros(double micros) {
        return atMost("p90", run.p90Micros(), micros);
    }

    /** @return this budget, if the 99th percentile of notification latency is at most {@code micros} */
    public LatencyBudget p99AtMostMicros(double micros) {
        return atMost("p99", run.p99Micros(), micros);
    }

    /** @return this budget, if the 99.9th percentile of notification latency is at most {@code micros} */
    public LatencyBudget p999AtMostMicros(double micros) {
        return atMost("p99.9", run.p999Micros(), micros);
    }

    /** @return this budget, if the longest notification latency is at most {@code micros} */
    public LatencyBudget maxAtMostMicros(double micros) {
        return atMost("max", run.maxMicros(), micros);
    }

    private LatencyBudget atMost(String figure, double actualMicros, double budgetMicros) {
        if (!(actualMicros <= budgetMicros)) {
            throw failure(String.format(Locale.ROOT, "%s notification latency %.2f us is over its budget of %.2f us",
                    figure, actualMicros, budgetMicros), budgetMicros, actualMicros);
        }
        return this;
    }

    /** @return this budget, if no packet was dropped, for any reason */
    public LatencyBudget hasNoDrops() {
        return dropsAtMost(0);
    }

    /** @return this budget, if at most {@code packets} packets were dropped, all reasons together */
    public LatencyBudget dropsAtMost(long packets) {
        if (run.dropped() > packets) {
            throw failure(run.dropped() + " of " + run.generated() + " packets dropped " + run.dropReasons()
                    + ", more than the " + packets + " allowed", packets, run.dropped());
        }
        return this;
    }

    /** @return this budget, if the consumer's threads spent at most {@code nanos} of CPU per delivered packet */
    public LatencyBudget consumerCpuPerPacketAtMostNanos(double nanos) {
        return costAtMost("consumer CPU", run.consumerCpuNanosPerPacket(), nanos);
    }

    /**
     * @return this budget, if your handler ({@code host.handler}) spent at most {@code nanos} of CPU per packet
     * @throws AssertionFailedError also when the run measured no handler costs (the built-in work model ran)
     */
    public LatencyBudget handlerCpuPerPacketAtMostNanos(double nanos) {
        HandlerCost handler = run.handler();
        if (handler == null) {
            throw failure("has no handler costs: no host.handler ran (the built-in work model did)", nanos, null);
        }
        return costAtMost("handler CPU", handler.cpuNanosPerPacket(), nanos);
    }

    private LatencyBudget costAtMost(String what, double actualNanos, double budgetNanos) {
        if (Double.isNaN(actualNanos)) {
            throw failure(what + " per packet was not measured", budgetNanos, null);
        }
        if (actualNanos > budgetNanos) {
            throw failure(String.format(Locale.ROOT, "%s per packet %.1f ns is over its budget of %.1f ns", what,
                    actualNanos, budgetNanos), budgetNanos, actualNanos);
        }
        return this;
    }

    private AssertionFailedError failure(String what, Object expected, Object actual) {
        String message = run.label() + ": " + what + " (run folder: " + run.runFolder() + ")";
        return expected == null && actual == null ? new AssertionFailedError(message)
                : new AssertionFailedError(message, expected, actual);
    }
}
