package io.nicsim.bench.run;

import io.nicsim.bench.report.LatencySummary;
import io.nicsim.bench.report.PolicyParameters;
import io.nicsim.bench.report.RunResult;
import io.nicsim.bench.scenario.HostConfig;
import io.nicsim.bench.scenario.RunConfig;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.Policy;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.host.consumer.Consumer;
import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.consumer.Consumers;
import io.nicsim.host.driver.InterruptDispatcher;
import io.nicsim.host.driver.InterruptLog;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.Stage;
import io.nicsim.host.rx.PacketHandler;
import io.nicsim.nic.device.Device;
import io.nicsim.nic.device.DeviceFactory;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.traffic.TrafficConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One consumer's run on real parts: the device thread writes descriptors and interrupts into Chronicle
 * queues under {@code queueDir}, the interrupt path reads them and wakes the consumer, the consumer drains
 * the ring. Sequence: start the consumer (waiting), start device and interrupt path, let the traffic play,
 * wait for packets in flight (up to the drain timeout), stop everything, then account for every packet.
 */
public final class ConsumerRun {

    /** Time between starting the threads and the first intended arrival, so no packet is born late. */
    static final long START_LEAD_NANOS = 20_000_000L;
    /**
     * How often the runner looks at the traffic while it plays. Every wake-up of this thread takes a core from
     * a simulator or consumer thread for a moment (on 2 cores there is none spare), so it looks rarely.
     */
    private static final long TRAFFIC_CHECK_MILLIS = 50;
    /** How often the runner looks for the last packets in flight once the traffic ended. */
    private static final long DRAIN_CHECK_MILLIS = 1;

    public static final String DROP_STOPPED_ON_WIRE = "stopped-on-wire";
    public static final String DROP_STOPPED_IN_MAC = "stopped-in-mac";
    public static final String DROP_STRANDED_IN_RING = "stranded-in-ring";

    private ConsumerRun() {
    }

    /**
     * @param consumerName one of {@link Consumers#NAMES}
     * @param queueDir     where this run's Chronicle queues go (created)
     * @throws IllegalStateException if a simulator thread failed; the message says which and why
     */
    public static RunResult run(Scenario scenario, String consumerName, Path queueDir, NanoClock clock)
            throws Exception {
        QueueStaging staging = QueueStaging.of(scenario.run().queueStaging(), queueDir);
        boolean finished = false;
        try {
            RunResult result = runOn(scenario, consumerName, staging.liveDir(), clock, queueDir.toString());
            staging.finish();
            finished = true;
            return result;
        } finally {
            if (!finished) {
                staging.discard();
            }
        }
    }

    private static RunResult runOn(Scenario scenario, String consumerName, Path queueDir, NanoClock clock,
                                   String journal) throws Exception {
        TrafficConfig traffic = scenario.traffic();
        FirmwareConfig firmware = scenario.firmware();
        HostConfig host = scenario.host();
        RunConfig run = scenario.run();
        long scheduleNanos = run.warmupNanos() + run.durationNanos();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        try (DeviceQueues queues = DeviceQueues.open(queueDir)) {
            Policy policy = PolicyFactory.create(firmware);
            Device device = DeviceFactory.create(traffic, policy.device(), firmware.pollIntervalNanos(), scheduleNanos,
                    clock, queues);
            LatencyRecorder recorder = new LatencyRecorder();
            InterruptLog interruptLog = new InterruptLog(InterruptLog.DEFAULT_CAPACITY);
            Consumer consumer = Consumers.create(consumerName, new ConsumerContext(queues, clock, recorder,
                    new PacketHandler(host.handlerWorkNanos(), clock), policy.driver(), interruptLog));
            InterruptDispatcher dispatcher = new InterruptDispatcher(queues, clock, consumer, interruptLog);
            String mode = Placement.resolve(host.placement(), Runtime.getRuntime().availableProcessors());

            consumer.start();
            long startNanos = clock.nanoTime() + START_LEAD_NANOS;
            recorder.measureFrom(startNanos + run.warmupNanos());
            device.wire().start(startNanos);
            long stopNanos;
            Placement.Report placement;
            try (Placement.Started threads = Placement.start(mode, host.deviceIdle(), host.dispatcherIdle(), device,
                    dispatcher, consumerName, consumer.threadName(), consumer.waitsBy(), error -> failure.compareAndSet(null, error))) {
                placement = threads.report();
                try {
                    waitForTraffic(device, clock, startNanos + scheduleNanos + run.drainTimeoutNanos(), failure);
                    waitForDrain(device, recorder, clock,
                            Math.max(clock.nanoTime(), startNanos + scheduleNanos) + run.drainTimeoutNanos(), failure);
                } finally {
                    stopNanos = clock.nanoTime();
                }
            } finally {
                consumer.stop();
            }
            rethrow(failure);

            long injected = device.wire().injectedPackets();
            long generated = injected + device.wire().countDueNotInjected(stopNanos);
            long written = device.firmware().descriptorsWritten();
            long delivered = recorder.packetsHandled();
            Map<String, Long> drops = new LinkedHashMap<>();
            putIfPositive(drops, DROP_STOPPED_ON_WIRE, generated - injected);
            putIfPositive(drops, DROP_STOPPED_IN_MAC, injected - written);
            putIfPositive(drops, DROP_STRANDED_IN_RING, written - delivered);
            long dropped = drops.values().stream().mapToLong(Long::longValue).sum();

            Map<String, LatencySummary> stages = new LinkedHashMap<>();
            for (Stage stage : Stage.values()) {
                stages.put(stage.key(), LatencySummary.of(recorder.stage(stage)));
            }
            return new RunResult(consumerName, firmware.policy(), PolicyParameters.of(firmware),
                    trafficParameters(traffic),
                    new RunResult.PacketCounts(generated, delivered, dropped, drops, recorder.notification().getTotalCount()),
                    device.firmware().interruptsRaised(), dispatcher.interruptsDelivered(),
                    device.firmware().doorbellsRead(), policy.driver().name(),
                    new RunResult.Latency(LatencySummary.of(recorder.notification()),
                            LatencySummary.of(recorder.notificationUncorrected()), stages),
                    placement, run.durationNanos(), run.warmupNanos(), journal);
        }
    }

    private static void waitForTraffic(Device device, NanoClock clock, long deadlineNanos,
                                       AtomicReference<Throwable> failure) throws InterruptedException {
        while (!device.wire().isExhausted() && clock.nanoTime() < deadlineNanos && failure.get() == null) {
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - clock.nanoTime());
            TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(TRAFFIC_CHECK_MILLIS, remainingMillis)));
        }
    }

    private static void waitForDrain(Device device, LatencyRecorder recorder, NanoClock clock, long deadlineNanos,
                                     AtomicReference<Throwable> failure) throws InterruptedException {
        while (clock.nanoTime() < deadlineNanos && failure.get() == null) {
            long injected = device.wire().injectedPackets();
            long written = device.firmware().descriptorsWritten();
            if (device.wire().isExhausted() && written == injected && recorder.packetsHandled() == written) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(DRAIN_CHECK_MILLIS);
        }
    }

    private static void rethrow(AtomicReference<Throwable> failure) {
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("simulator thread failed: " + error, error);
        }
    }

    private static void putIfPositive(Map<String, Long> drops, String reason, long count) {
        if (count > 0) {
            drops.put(reason, count);
        }
    }

    private static Map<String, Object> trafficParameters(TrafficConfig traffic) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("kind", traffic.kind());
        parameters.put("ratePerSecond", traffic.ratePerSecond());
        parameters.put("seed", traffic.seed());
        parameters.put("flows", traffic.flows());
        parameters.put("frameBytes", traffic.frameBytes());
        return parameters;
    }
}
