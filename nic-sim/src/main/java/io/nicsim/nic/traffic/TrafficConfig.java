package io.nicsim.nic.traffic;

/**
 * What arrives on the wire. Each kind reads only its own keys; the others keep their defaults.
 *
 * @param kind               {@code constant}, {@code poisson}, {@code on-off}, {@code mmpp}, {@code trace} or {@code
 * udp}
 * @param ratePerSecond      packets per second: the mean (constant, poisson), the rate within a burst (on-off), the
 *                           rate in state 1 (mmpp)
 * @param seed               random seed: the same seed gives the same schedule
 * @param flows              number of flows packets are spread over (uniformly at random; synthetic kinds)
 * @param frameBytes         frame size of every packet, FCS included (synthetic kinds)
 * @param burstNanos         on-off: length of each burst
 * @param idleNanos          on-off: silence after each burst
 * @param mmppRate2PerSecond mmpp: the rate in state 2
 * @param mmppSojourn1Nanos  mmpp: mean time spent in state 1 (exponentially distributed)
 * @param mmppSojourn2Nanos  mmpp: mean time spent in state 2 (exponentially distributed)
 * @param traceFile          trace: a CSV ({@code timestampNanos,flow,bytes}) or classic pcap file; empty = none
 * @param traceSpeedup       trace: replay this many times faster than recorded (gaps divided by it)
 * @param traceRepeat        trace: {@code loop} (again and again until the run ends) or {@code once}
 * @param udpPort            udp: the port on 127.0.0.1 whose datagrams become arrivals
 * @param highPriorityShare  share of packets marked high priority ({@link TrafficClasses})
 */
public record TrafficConfig(String kind, double ratePerSecond, long seed, int flows, int frameBytes,
                            long burstNanos, long idleNanos,
                            double mmppRate2PerSecond, long mmppSojourn1Nanos, long mmppSojourn2Nanos,
                            String traceFile, double traceSpeedup, String traceRepeat, int udpPort,
                            double highPriorityShare) {

    /** Default burst of an on-off source: 100 µs. */
    public static final long DEFAULT_BURST_NANOS = 100_000;
    /** Default silence of an on-off source: 900 µs (bursts 10% of the time). */
    public static final long DEFAULT_IDLE_NANOS = 900_000;
    /** Default rate of an MMPP source's state 2: 1M packets per second. */
    public static final double DEFAULT_MMPP_RATE2_PER_SECOND = 1_000_000;
    /** Default mean stay of an MMPP source in state 1: 1 ms. */
    public static final long DEFAULT_MMPP_SOJOURN1_NANOS = 1_000_000;
    /** Default mean stay of an MMPP source in state 2: 100 µs. */
    public static final long DEFAULT_MMPP_SOJOURN2_NANOS = 100_000;
    /** Default UDP port of the {@code udp} source. */
    public static final int DEFAULT_UDP_PORT = 9876;

    /** Default share of high-priority packets: one in ten. */
    public static final double DEFAULT_HIGH_PRIORITY_SHARE = 0.1;

    /**
     * Defaults: Poisson arrivals at 200k packets per second, one flow, 64-byte frames, one packet in ten high priority.
     */
    public static final TrafficConfig DEFAULTS = new TrafficConfig(PoissonSource.KIND, 200_000, 1, 1, 64)
            .withHighPriorityShare(DEFAULT_HIGH_PRIORITY_SHARE);

    /** A synthetic schedule with every kind-specific key at its default, of one class (no packet high priority). */
    public TrafficConfig(String kind, double ratePerSecond, long seed, int flows, int frameBytes) {
        this(kind, ratePerSecond, seed, flows, frameBytes, DEFAULT_BURST_NANOS, DEFAULT_IDLE_NANOS,
                DEFAULT_MMPP_RATE2_PER_SECOND, DEFAULT_MMPP_SOJOURN1_NANOS, DEFAULT_MMPP_SOJOURN2_NANOS, "", 1.0,
                TraceSource.LOOP, DEFAULT_UDP_PORT, 0);
    }

    /** @return this config with {@code share} of the packets marked high priority */
    public TrafficConfig withHighPriorityShare(double share) {
        return new TrafficConfig(kind, ratePerSecond, seed, flows, frameBytes, burstNanos, idleNanos,
                mmppRate2PerSecond, mmppSojourn1Nanos, mmppSojourn2Nanos, traceFile, traceSpeedup, traceRepeat, udpPort,
                share);
    }

    /**
     * @return this config as an on-off source: bursts of {@code burstNanos} at ratePerSecond, then {@code idleNanos} of
     * silence
     */
    public TrafficConfig withOnOff(long burst, long idle) {
        return new TrafficConfig(OnOffSource.KIND, ratePerSecond, seed, flows, frameBytes, burst, idle,
                mmppRate2PerSecond, mmppSojourn1Nanos, mmppSojourn2Nanos, traceFile, traceSpeedup, traceRepeat, udpPort,
                highPriorityShare);
    }

    /** @return this config as an MMPP source: ratePerSecond in state 1, {@code rate2PerSecond} in state 2 */
    public TrafficConfig withMmpp(double rate2PerSecond, long sojourn1, long sojourn2) {
        return new TrafficConfig(MmppSource.KIND, ratePerSecond, seed, flows, frameBytes, burstNanos, idleNanos,
                rate2PerSecond, sojourn1, sojourn2, traceFile, traceSpeedup, traceRepeat, udpPort,
                highPriorityShare);
    }

    /** @return this config as a trace replay of {@code file}, {@code speedup} times faster than recorded */
    public TrafficConfig withTrace(String file, double speedup) {
        return new TrafficConfig(TraceSource.KIND, ratePerSecond, seed, flows, frameBytes, burstNanos, idleNanos,
                mmppRate2PerSecond, mmppSojourn1Nanos, mmppSojourn2Nanos, file, speedup, traceRepeat, udpPort,
                highPriorityShare);
    }

    /** @return this trace config played {@code loop} or {@code once} */
    public TrafficConfig withTraceRepeat(String repeat) {
        return new TrafficConfig(kind, ratePerSecond, seed, flows, frameBytes, burstNanos, idleNanos,
                mmppRate2PerSecond, mmppSojourn1Nanos, mmppSojourn2Nanos, traceFile, traceSpeedup, repeat, udpPort,
                highPriorityShare);
    }

    /** @return this config as a UDP source on 127.0.0.1:{@code port} */
    public TrafficConfig withUdp(int port) {
        return new TrafficConfig(UdpSource.KIND, ratePerSecond, seed, flows, frameBytes, burstNanos, idleNanos,
                mmppRate2PerSecond, mmppSojourn1Nanos, mmppSojourn2Nanos, traceFile, traceSpeedup, traceRepeat, port,
                highPriorityShare);
    }
}
