package io.nicsim.bench.run;

import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.PacketFate;
import io.nicsim.bench.results.PlacementReport;
import io.nicsim.bench.results.PolicyParameters;
import io.nicsim.bench.results.RunFiles;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.run.virtual.HandlerProbe;
import io.nicsim.bench.run.virtual.HostModelFiles;
import io.nicsim.bench.run.virtual.LiveModelClock;
import io.nicsim.bench.run.virtual.VirtualLoop;
import io.nicsim.bench.scenario.HostConfig;
import io.nicsim.bench.scenario.RunConfig;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.firmware.driver.DriverPolicy;
import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.firmware.policy.Policy;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.host.Consumers;
import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.cost.HandlerCosts;
import io.nicsim.host.cost.RunCosts;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.PacketStampSink;
import io.nicsim.host.model.HostModel;
import io.nicsim.host.model.VirtualHost;
import io.nicsim.nic.device.Device;
import io.nicsim.nic.device.DeviceFactory;
import io.nicsim.nic.device.NicConfig;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.UdpSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One consumer's run in virtual time ({@code run.clock: virtual}): the device and a model of the host
 * ({@link VirtualHost}, costs from {@code run.hostModel}) in one discrete-event loop over model time, as fast as the
 * CPU allows and the same for a scenario and seed. Its result has the paced run's shape and goes through the same
 * writers (summary.json, .hgrm/.hlog, report.html); the accounting is {@link PacketFate}'s; its costs are modelled.
 */
public final class VirtualRun {

    /** Model time zero of the traffic schedule. */
    static final long START_NANOS = 0;
    /** What a virtual run's priority column says: the model handles packets in arrival order. */
    static final String PRIORITY = "no: the host model handles packets in arrival order";

    private VirtualRun() {
    }

    /**
     * @param queueDir where the Chronicle journal goes when the run keeps one ({@code run.keepJournal: always})
     * @param files    where the histogram files go, or null for none
     * @throws IllegalArgumentException for what virtual time cannot run (a per-packet export)
     */
    public static RunResult run(Scenario scenario, String label, String consumerName, Path queueDir, RunFiles files,
                                RunOptions options) throws Exception {
        TrafficConfig traffic = scenario.traffic();
        // live traffic (udp) arrives in real time: model time then follows the wall clock, the host is still a model
        LiveModelClock live = UdpSource.KIND.equals(traffic.kind()) ? new LiveModelClock(START_NANOS) : null;
        if (options.exportPackets()) {
            throw new IllegalArgumentException("--export-packets: not available in virtual time (run.clock: virtual)");
        }
        RunConfig run = scenario.run();
        HostModel model = HostModelFiles.load(run.hostModel());
        FirmwareConfig firmware = scenario.firmware();
        HostConfig host = scenario.host();
        NicConfig nic = scenario.nic();
        int rxQueues = nic.queues();
        long scheduleNanos = run.warmupNanos() + run.durationNanos();
        Policy[] policies = new Policy[rxQueues];
        NotificationPolicy[] devicePolicies = new NotificationPolicy[rxQueues];
        DriverPolicy[] drivers = new DriverPolicy[rxQueues];
        for (int q = 0; q < rxQueues; q++) {
            policies[q] = PolicyFactory.create(firmware);
            devicePolicies[q] = policies[q].device();
            drivers[q] = policies[q].driver();
        }
        ManualNanoClock clock = new ManualNanoClock(START_NANOS);
        Device device = DeviceFactory.create(traffic, nic, devicePolicies, firmware.pollIntervalNanos(), scheduleNanos,
                live != null ? live : clock, null);
        LatencyRecorder recorder = new LatencyRecorder(LatencyRecorder.intervalsCovering(run.warmupNanos()),
                Math.max(1, LatencyRecorder.intervalsCovering(run.durationNanos())), PacketStampSink.NONE, false);
        int refillEvery = nic.ringSlots() > 0 ? ConsumerContext.REFILL_EVERY : 0;
        // a user's handler: a probe measures it on a thread first, and the model charges its figures per packet
        HandlerCosts probed = options.handler() == null ? null
                : HandlerProbe.measured(options.handler(), HandlerProbe.Where.of(scenario, consumerName));
        VirtualHost virtualHost = new VirtualHost(model, new VirtualHost.Settings(consumerName,
                probed != null ? HandlerProbe.workNanos(probed, consumerName) : host.handlerWorkNanos(),
                probed != null ? HandlerProbe.blockNanos(probed, consumerName) : host.handlerBlockNanos(),
                host.workers(), host.socketSlots(), traffic.flows(), refillEvery, traffic.seed()), drivers, recorder);
        long measureFromNanos = START_NANOS + run.warmupNanos();
        recorder.measureFrom(measureFromNanos);
        virtualHost.measureFrom(measureFromNanos);
        String journalDir = null;
        long stoppedNanos;
        long endNanos;
        LiveSeconds seconds = liveSeconds(label, options, recorder, measureFromNanos, run, device, virtualHost,
                rxQueues);
        try (DeviceQueues journal = run.keepsJournal(options.keepJournal())
                ? DeviceQueues.open(queueDir, rxQueues) : null) {
            journalDir = journal != null ? queueDir.toString() : null;
            VirtualLoop loop = new VirtualLoop(device, virtualHost, clock, journal, live);
            if (live != null) {
                live.startNow();
            }
            device.start(START_NANOS);
            virtualHost.start(START_NANOS);
            seconds.sample(START_NANOS); // the counters at time zero: the first edges fall between it and the next
            stoppedNanos = loop.run(START_NANOS + scheduleNanos + run.drainTimeoutNanos(), () -> {
                seconds.sample(clock.nanoTime()); // every few thousand turns, as the loop looks at the drain
                return drained(device, virtualHost, recorder);
            }, () -> options.stop().requested());
            endNanos = loop.nowNanos();
            device.onClose();
        }
        seconds.finish(endNanos, stoppedNanos != Long.MIN_VALUE ? stoppedNanos : START_NANOS + scheduleNanos);
        boolean stoppedEarly = stoppedNanos != Long.MIN_VALUE;
        long injected = device.wire().injectedPackets();
        io.nicsim.bench.results.CutShort cutShort = stoppedEarly ? options.stop().cutShort() : null;
        long generated = injected + device.wire().countDueNotInjected(
                ConsumerRun.notInjectedUntil(cutShort, stoppedEarly ? stoppedNanos : endNanos));
        RunResult.PacketCounts packets = PacketFate.account(new PacketFate.Stages(generated, injected,
                device.firmware().ringFullDrops(), device.firmware().descriptorsWritten(), 0, virtualHost.read(),
                virtualHost.socketFull(), recorder.packetsHandled(), recorder.notification().getTotalCount()),
                ConsumerRun.notInjected(cutShort));
        long trafficNanos = stoppedEarly ? ConsumerRun.clamp(stoppedNanos - START_NANOS, scheduleNanos) : scheduleNanos;
        long measuredNanos = stoppedEarly ? ConsumerRun.clamp(stoppedNanos - measureFromNanos, run.durationNanos())
                : run.durationNanos();
        RunResult result = new RunResult(
                new RunResult.What(consumerName, label, firmware.policy(), drivers[0].name(), PRIORITY),
                new RunResult.Setup(PolicyParameters.of(firmware), ConsumerRun.trafficParameters(traffic),
                        ConsumerRun.nicParameters(nic, refillEvery), placement(model, virtualHost, scenario)),
                new RunResult.Counts(packets, device.firmware().interruptsRaised(), virtualHost.interruptsDelivered(),
                        device.firmware().doorbellsRead(), perQueue(device)),
                new RunResult.Latencies(ConsumerRun.latency(recorder), ConsumerRun.byClass(recorder),
                        LatencySummary.of(recorder.deviceLag())),
                new RunResult.Window(trafficNanos, run.warmupNanos(), measuredNanos, stoppedEarly, cutShort),
                costs(virtualHost, rxQueues, measureFromNanos, START_NANOS + trafficNanos).withHandler(probed == null
                        ? null : HandlerProbe.overRun(probed, virtualHost.handledMeasured(), measuredNanos)),
                new RunResult.Output(journalDir, null, RunConfig.CLOCK_VIRTUAL, model.source()));
        if (files != null) {
            Map<String, String> written = RunFolderWriter.writeHistograms(files, recorder, measureFromNanos, clock,
                    result.name());
            result = result.withFiles(written);
        }
        return result;
    }

    /**
     * @return the run's live seconds ({@code --live}) per modelled second: the device's counters, the host model's
     *         socket-full drops and its consumer CPU (modelled over the measured window only: none in warm-up seconds;
     *         a busy-poll core counts whole), no platform jitter; {@link LiveSeconds#OFF} without a live target
     */
    private static LiveSeconds liveSeconds(String label, RunOptions options, LatencyRecorder recorder,
                                           long measureFromNanos, RunConfig run, Device device, VirtualHost host,
                                           int rxQueues) {
        return LiveSeconds.of(options.live(), label, recorder, measureFromNanos, run.durationNanos(),
                () -> new LiveSeconds.Sources(device.firmware()::interruptsRaised,
                        () -> device.firmware().ringFullDrops() + host.socketFull(),
                        now -> now < measureFromNanos ? -1 : host.spins()
                                ? (long) rxQueues * (now - measureFromNanos) : host.consumerCpuNanos(), true));
    }

    /** Every packet the wire injected was written or dropped, read, and handled or dropped. */
    private static boolean drained(Device device, VirtualHost host, LatencyRecorder recorder) {
        long written = device.firmware().descriptorsWritten();
        return device.wire().isExhausted()
                && written + device.firmware().ringFullDrops() == device.wire().injectedPackets()
                && host.read() == written && recorder.packetsHandled() + host.socketFull() == written;
    }

    /** Modelled costs over the measured window: a busy-poll consumer's core counts whole, as it spins. */
    private static RunCosts costs(VirtualHost host, int rxQueues, long measureFromNanos, long trafficEndNanos) {
        long packets = host.handledMeasured();
        double perPacket = packets > 0 ? 1.0 / packets : Double.NaN;
        double cpu = host.spins() ? (double) rxQueues * Math.max(0, trafficEndNanos - measureFromNanos)
                : host.consumerCpuNanos();
        return new RunCosts(cpu * perPacket, host.contextSwitches() * perPacket, 0, 0, Double.NaN, 0, 0, packets,
                List.of("virtual"));
    }

    private static PlacementReport placement(HostModel model, VirtualHost host, Scenario scenario) {
        String threads = host.workers() > 0 ? " and " + host.workers() + " workers" : "";
        String why = "virtual time: no thread runs the host";
        return new PlacementReport("virtual", List.of(PlacementReport.ThreadPlacement.unpinned(
                "virtual (" + model.cores() + " modelled cores" + threads + ")",
                List.of(Device.ROLE, "host model"), "discrete-event", why)),
                PlacementReport.Pinning.unpinned(scenario.host().pinning(), why));
    }

    private static List<RunResult.QueueCounts> perQueue(Device device) {
        List<RunResult.QueueCounts> counts = new java.util.ArrayList<>();
        for (int q = 0; q < device.firmware().rxQueues(); q++) {
            counts.add(new RunResult.QueueCounts(q, device.firmware().descriptorsWritten(q),
                    device.firmware().ringFullDrops(q), device.firmware().interruptsRaised(q)));
        }
        return counts;
    }

    /** @return the consumer names a virtual run knows (every consumer) */
    static List<String> consumers() {
        return Consumers.NAMES;
    }
}
