package io.nicsim.bench.scenario;

import java.util.List;

/**
 * The host side of a scenario.
 *
 * @param consumers        consumer names, run one after another
 * @param handlerWorkNanos  CPU work per packet
 * @param handlerBlockNanos blocking wait per packet, after the CPU work
 * @param workers           threads, loops or verticles of the shapes that have several (0 = one per core)
 * @param socketSlots       packets each application buffer holds
 * @param placement         where busy loops run ({@code auto}, {@code shared}, {@code separate})
 * @param deviceIdle        idle strategy of the device thread
 * @param dispatcherIdle    idle strategy of the interrupt-path thread when it has its own
 * @param pinning           whether busy loops and the consumer are pinned to cores ({@code auto}, {@code on},
 *                          {@code off})
 * @param handler           the class name of the user's packet handler, or empty for the built-in work model of
 *                          {@code handlerWorkNanos} and {@code handlerBlockNanos}; the class is loaded only from code
 *                          the user gives on purpose ({@code --handler-jar}, the library), never by the scenario alone
 */
public record HostConfig(List<String> consumers, long handlerWorkNanos, long handlerBlockNanos, int workers,
                         int socketSlots, String placement, String deviceIdle, String dispatcherIdle,
                         String pinning, String handler) {

    /** Placement chosen by the core count: {@code shared} below 4 cores, {@code separate} from 4. */
    public static final String PLACEMENT_AUTO = "auto";
    /** Device and interrupt path on one busy thread. */
    public static final String PLACEMENT_SHARED = "shared";
    /** Device and interrupt path on a busy thread each. */
    public static final String PLACEMENT_SEPARATE = "separate";
    /** Every placement a scenario may name. */
    public static final List<String> PLACEMENTS = List.of(PLACEMENT_AUTO, PLACEMENT_SHARED, PLACEMENT_SEPARATE);

    /** Pin from 4 cores where the affinity library can; else run unpinned and say why. */
    public static final String PINNING_AUTO = "auto";
    /** Pin from 4 cores; a pin the machine refuses fails the run. */
    public static final String PINNING_ON = "on";
    /** Never pin: the OS scheduler places every thread. */
    public static final String PINNING_OFF = "off";
    /** Every pinning setting a scenario may name. */
    public static final List<String> PINNINGS = List.of(PINNING_AUTO, PINNING_ON, PINNING_OFF);

    /** @return whether a user's handler replaces the built-in work model */
    public boolean userHandler() {
        return !handler.isEmpty();
    }

    /** @return {@code workers}, with 0 read as the number of cores */
    public int workersOrCores() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }
}
