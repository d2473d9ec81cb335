package io.nicsim.bench.scenario;

/**
 * How long each consumer's run lasts.
 *
 * @param durationNanos     measured traffic time
 * @param warmupNanos       traffic before it, counted but not recorded
 * @param drainTimeoutNanos how long to wait for packets in flight once traffic ends
 */
public record RunConfig(long durationNanos, long warmupNanos, long drainTimeoutNanos) {
}
