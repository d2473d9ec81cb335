package io.nicsim.bench.scenario;

import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.nic.device.NicConfig;
import io.nicsim.nic.traffic.TrafficConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated scenario: every key resolved (file, then overrides, over the defaults), with typed views
 * for each part of the simulator. Immutable.
 */
public final class Scenario {

    private final String name;
    private final Map<String, Object> values;

    Scenario(String name, Map<String, Object> values) {
        this.name = name;
        this.values = Map.copyOf(values);
    }

    public String name() {
        return name;
    }

    public TrafficConfig traffic() {
        return new TrafficConfig(string("traffic.kind"), number("traffic.ratePerSecond"),
                (long) values.get("traffic.seed"), integer("traffic.flows"), integer("traffic.frameBytes"),
                nanos("traffic.burstNanos"), nanos("traffic.idleNanos"), number("traffic.mmppRate2PerSecond"),
                nanos("traffic.mmppSojourn1Nanos"), nanos("traffic.mmppSojourn2Nanos"), string("traffic.traceFile"),
                number("traffic.traceSpeedup"), string("traffic.traceRepeat"), integer("traffic.udpPort"),
                number("traffic.highPriorityShare"));
    }

    public NicConfig nic() {
        return new NicConfig(number("nic.linkGbps"), nanos("nic.dmaNanos"), integer("nic.dmaPicosPerByte"),
                integer("nic.queues"), integer("nic.ringSlots"), integer("nic.writeBackDescriptors"),
                nanos("nic.writeBackNanos"));
    }

    public FirmwareConfig firmware() {
        return new FirmwareConfig(string("firmware.policy"), integer("firmware.rxUsecs"), integer("firmware.rxFrames"),
                string("firmware.timerMode"), nanos("firmware.itrNanos"), nanos("firmware.pollIntervalNanos"),
                integer("firmware.budget"), integer("firmware.deferHardIrqs"), nanos("firmware.groFlushTimeoutNanos"),
                nanos("firmware.irqSuspendTimeoutNanos"), string("firmware.dimMode"), string("firmware.itrMode"),
                integer("firmware.burst"), integer("firmware.hybridPauseAfterEmptyPolls"),
                integer("firmware.hybridSleepAfterEmptyPolls"), nanos("firmware.hybridPauseNanos"),
                nanos("firmware.hybridSleepTimeoutNanos"), nanos("firmware.busyPollNanos"));
    }

    @SuppressWarnings("unchecked")
    public HostConfig host() {
        return new HostConfig((List<String>) values.get("host.consumer"), (long) values.get("host.handlerWorkNanos"),
                (long) values.get("host.handlerBlockNanos"), integer("host.workers"), integer("host.socketSlots"),
                string("host.placement"), string("host.deviceIdle"), string("host.dispatcherIdle"),
                string("host.pinning"), string("host.handler"));
    }

    public RunConfig run() {
        return new RunConfig((long) values.get("run.duration"), (long) values.get("run.warmup"),
                (long) values.get("run.drainTimeout"), string("run.queueStaging"), integer("run.memoryProbeWaiters"),
                string("run.clock"), string("run.hostModel"), string("run.keepJournal"),
                integer("run.rounds"), (long) values.get("run.jitWarmup"));
    }

    /** @return the settings of two-process mode ({@code nicsim nic}, {@code nicsim host}) */
    public TwoProcessConfig twoProcess() {
        return new TwoProcessConfig((long) values.get("run.stallTimeout"), (long) values.get("run.attachTimeout"));
    }

    /**
     * @return how many rounds a study of this scenario plays: {@code run.rounds}, or 1 in virtual time (a rerun gives
     *         the same) and with live traffic ({@code traffic.kind: udp}: a sender outside nicsim plays it once)
     */
    public int roundsPlayed() {
        return io.nicsim.nic.traffic.UdpSource.KIND.equals(traffic().kind()) ? 1 : run().roundsPlayed();
    }

    /** @return the JIT warm-up round's cap: {@code run.jitWarmup}, or 0 in virtual time and with live traffic */
    public long jitWarmupNanos() {
        return io.nicsim.nic.traffic.UdpSource.KIND.equals(traffic().kind()) || run().virtual() ? 0
                : run().jitWarmupNanos();
    }

    /** @return a copy of this scenario with one round's share of the measured time and no JIT warm-up round */
    public Scenario oneRound() {
        RunConfig run = run();
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put("run.duration", Math.max(1, run.durationNanos() / roundsPlayed()));
        copy.put("run.rounds", 1);
        copy.put("run.jitWarmup", 0L);
        return new Scenario(name, copy);
    }

    /**
     * @return a copy of this scenario as one pass of a JIT warm-up round: no warm-up of its own, {@code
     *         durationNanos} measured, one round, no JIT warm-up round, no memory probe
     */
    public Scenario warmupPass(long durationNanos) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put("run.warmup", 0L);
        copy.put("run.duration", durationNanos);
        copy.put("run.rounds", 1);
        copy.put("run.jitWarmup", 0L);
        copy.put("run.memoryProbeWaiters", 0);
        return new Scenario(name, copy);
    }

    /** @return a copy of this scenario with {@code host.consumer} set to one consumer */
    public Scenario withConsumer(String consumer) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put("host.consumer", List.of(consumer));
        return new Scenario(name, copy);
    }

    /**
     * @return the effective scenario as nested sections, durations written with units, ready to be saved
     *         and loaded again
     */
    public Map<String, Object> effective() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", name);
        for (ScenarioKey key : ScenarioKeys.all()) {
            String[] parts = key.path().split("\\.", 2);
            @SuppressWarnings("unchecked")
            Map<String, Object> section = (Map<String, Object>) root.computeIfAbsent(parts[0],
                    s -> new LinkedHashMap<>());
            Object value = values.get(key.path());
            section.put(parts[1], key.type() == KeyType.DURATION ? Units.formatDuration((long) value) : value);
        }
        return root;
    }

    private String string(String path) {
        return (String) values.get(path);
    }

    private long nanos(String path) {
        return (long) values.get(path);
    }

    private double number(String path) {
        return (double) values.get(path);
    }

    private int integer(String path) {
        return (int) values.get(path);
    }
}
