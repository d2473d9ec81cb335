package io.nicsim.bench.scenario;

import java.util.List;

/**
 * The host side of a scenario.
 *
 * @param consumers        consumer names, run one after another
 * @param handlerWorkNanos CPU work per packet
 * @param placement        where busy loops run ({@code auto}, {@code shared}, {@code separate})
 * @param deviceIdle       idle strategy of the device thread
 * @param dispatcherIdle   idle strategy of the interrupt-path thread when it has its own
 */
public record HostConfig(List<String> consumers, long handlerWorkNanos, String placement, String deviceIdle,
                         String dispatcherIdle) {
}
