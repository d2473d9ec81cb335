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
                integer("nic.queues"), integer("nic.ringSlots"));
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
                string("host.placement"), string("host.deviceIdle"), string("host.dispatcherIdle"));
    }

    public RunConfig run() {
        return new RunConfig((long) values.get("run.duration"), (long) values.get("run.warmup"),
                (long) values.get("run.drainTimeout"), string("run.queueStaging"), integer("run.memoryProbeWaiters"),
                string("run.clock"), string("run.hostModel"), "true".equals(string("run.journal")));
    }

    /** @return the settings of two-process mode ({@code nicsim nic}, {@code nicsim host}) */
    public TwoProcessConfig twoProcess() {
        return new TwoProcessConfig((long) values.get("run.stallTimeout"), (long) values.get("run.attachTimeout"));
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
