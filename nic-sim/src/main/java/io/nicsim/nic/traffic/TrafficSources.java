package io.nicsim.nic.traffic;

import java.util.List;

/** Creates the traffic source a {@link TrafficConfig} names. */
public final class TrafficSources {

    /** Every traffic kind a scenario may use. */
    public static final List<String> KINDS = List.of(ConstantRateSource.KIND, PoissonSource.KIND);

    private TrafficSources() {
    }

    /**
     * @param durationNanos packets are scheduled in {@code [0, durationNanos)}
     * @throws IllegalArgumentException naming the offending key for an unknown kind or an invalid value
     */
    public static TrafficSource create(TrafficConfig config, long durationNanos) {
        if (!(config.ratePerSecond() > 0) || Double.isInfinite(config.ratePerSecond())) {
            throw new IllegalArgumentException("traffic.ratePerSecond must be a positive number, found " + config.ratePerSecond());
        }
        if (config.flows() < 1) {
            throw new IllegalArgumentException("traffic.flows must be >= 1, found " + config.flows());
        }
        if (config.frameBytes() < 1) {
            throw new IllegalArgumentException("traffic.frameBytes must be >= 1, found " + config.frameBytes());
        }
        return switch (config.kind()) {
            case ConstantRateSource.KIND -> new ConstantRateSource(config, durationNanos);
            case PoissonSource.KIND -> new PoissonSource(config, durationNanos);
            case null, default -> throw new IllegalArgumentException(
                    "traffic.kind: expected one of " + KINDS + ", found '" + config.kind() + "'");
        };
    }
}
