package io.nicsim.nic.traffic;

import io.nicsim.firmware.clock.NanoClock;

import java.util.List;

/** Creates the traffic source a {@link TrafficConfig} names, checking the keys its kind reads. */
public final class TrafficSources {

    /** Every traffic kind a scenario may use. */
    public static final List<String> KINDS = List.of(ConstantRateSource.KIND, PoissonSource.KIND, OnOffSource.KIND,
            MmppSource.KIND, TraceSource.KIND, UdpSource.KIND);

    /** The kinds a rate and a seed alone describe: the benchmarks pace their reference transports with these. */
    public static final List<String> RATE_KINDS = List.of(ConstantRateSource.KIND, PoissonSource.KIND);

    private TrafficSources() {
    }

    /**
     * Creates a source whose clock (for live kinds) is {@link System#nanoTime()}.
     *
     * @param durationNanos packets are scheduled in {@code [0, durationNanos)}
     * @throws IllegalArgumentException naming the offending key for an unknown kind or an invalid value
     */
    public static TrafficSource create(TrafficConfig config, long durationNanos) {
        return create(config, durationNanos, System::nanoTime);
    }

    /**
     * Creates a source; a trace file is read here, a live source opens only when started
     * ({@link LiveSource#start(long)}), so checking a scenario never binds a socket.
     *
     * @param durationNanos packets are scheduled in {@code [0, durationNanos)}
     * @param clock         the clock a live source stamps arrivals with
     * @throws IllegalArgumentException naming the offending key for an unknown kind or an invalid value; for a bad
     *                                  trace file, {@code traffic.traceFile: FILE:LINE: what}
     */
    public static TrafficSource create(TrafficConfig config, long durationNanos, NanoClock clock) {
        if (!(config.ratePerSecond() > 0) || Double.isInfinite(config.ratePerSecond())) {
            throw new IllegalArgumentException("traffic.ratePerSecond must be a positive number, found "
                    + config.ratePerSecond());
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
            case OnOffSource.KIND -> {
                positive("traffic.burstNanos", config.burstNanos());
                atLeastZero("traffic.idleNanos", config.idleNanos());
                yield new OnOffSource(config, durationNanos);
            }
            case MmppSource.KIND -> {
                if (!(config.mmppRate2PerSecond() > 0) || Double.isInfinite(config.mmppRate2PerSecond())) {
                    throw new IllegalArgumentException("traffic.mmppRate2PerSecond must be a positive number, found "
                            + config.mmppRate2PerSecond());
                }
                positive("traffic.mmppSojourn1Nanos", config.mmppSojourn1Nanos());
                positive("traffic.mmppSojourn2Nanos", config.mmppSojourn2Nanos());
                yield new MmppSource(config, durationNanos);
            }
            case TraceSource.KIND -> {
                if (config.traceFile() == null || config.traceFile().isBlank()) {
                    throw new IllegalArgumentException("traffic.traceFile: the trace kind needs a file (CSV "
                            + TraceCsv.HEADER + " or classic pcap), found none");
                }
                if (!(config.traceSpeedup() > 0) || Double.isInfinite(config.traceSpeedup())) {
                    throw new IllegalArgumentException("traffic.traceSpeedup must be a positive number, found "
                            + config.traceSpeedup());
                }
                if (!TraceSource.REPEATS.contains(config.traceRepeat())) {
                    throw new IllegalArgumentException("traffic.traceRepeat: expected one of " + TraceSource.REPEATS
                            + ", found '" + config.traceRepeat() + "'");
                }
                Trace trace;
                try {
                    trace = TraceFiles.load(config.traceFile());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("traffic.traceFile: " + e.getMessage(), e);
                }
                yield new TraceSource(trace, config.traceSpeedup(), !TraceSource.ONCE.equals(config.traceRepeat()),
                        durationNanos);
            }
            case UdpSource.KIND -> {
                if (config.udpPort() < 1 || config.udpPort() > 65_535) {
                    throw new IllegalArgumentException("traffic.udpPort must be in [1, 65535], found "
                            + config.udpPort());
                }
                yield new UdpSource(config.udpPort(), durationNanos, clock);
            }
            case null, default -> throw new IllegalArgumentException(
                    "traffic.kind: expected one of " + KINDS + ", found '" + config.kind() + "'");
        };
    }

    /** @return whether the kind's packets can be generated again from the config alone (every kind but udp) */
    public static boolean isReplayable(String kind) {
        return !UdpSource.KIND.equals(kind);
    }

    private static void positive(String key, long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException(key + " must be above 0, found " + nanos);
        }
    }

    private static void atLeastZero(String key, long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException(key + " must be >= 0, found " + nanos);
        }
    }
}
