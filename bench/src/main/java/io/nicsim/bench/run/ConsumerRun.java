package io.nicsim.bench.run;

import io.nicsim.bench.report.HistogramFiles;
import io.nicsim.bench.report.LatencySummary;
import io.nicsim.bench.report.PacketsCsv;
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
import io.nicsim.host.cost.CostWindow;
import io.nicsim.host.cost.RunCosts;
import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.consumer.Consumers;
import io.nicsim.host.driver.InterruptDispatcher;
import io.nicsim.host.driver.InterruptLog;
import io.nicsim.host.measure.HostStampJournal;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.PacketStampSink;
import io.nicsim.host.measure.Stage;
import io.nicsim.host.rx.PacketHandler;
import io.nicsim.nic.device.Device;
import io.nicsim.nic.device.DeviceFactory;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.traffic.TrafficConfig;

import java.io.IOException;
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
 *
 * <p>A {@link StopSignal} ends the traffic early: the wire injects nothing more (packets not yet due are never
 * generated, and those due but not injected are counted as {@value #DROP_STOPPED_ON_WIRE}), what is in flight
 * drains as at the normal end, and the result says {@code interrupted}.
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

    /** Planned wall time of one run, besides starting and stopping threads: lead, warm-up and measured time. */
    public static long plannedNanos(long warmupNanos, long durationNanos) {
        return START_LEAD_NANOS + warmupNanos + durationNanos;
    }

    /**
     * A run with no files written, never stopped early.
     *
     * @param consumerName one of {@link Consumers#NAMES}
     * @param queueDir     where this run's Chronicle queues go (created)
     * @throws IllegalStateException if a simulator thread failed; the message says which and why
     */
    public static RunResult run(Scenario scenario, String consumerName, Path queueDir, NanoClock clock)
            throws Exception {
        return run(scenario, consumerName, consumerName, queueDir, null, clock, RunOptions.defaults());
    }

    /**
     * @param label        the run's name in tables and charts
     * @param consumerName one of {@link Consumers#NAMES}
     * @param queueDir     where this run's Chronicle queues end up (created)
     * @param files        where its histogram files (and packets.csv) go, or null for none
     * @param options      export, stop signal, progress
     * @throws IllegalStateException if a simulator thread failed; the message says which and why
     */
    public static RunResult run(Scenario scenario, String label, String consumerName, Path queueDir, RunFiles files,
                                NanoClock clock, RunOptions options) throws Exception {
        QueueStaging staging = QueueStaging.of(scenario.run().queueStaging(), queueDir);
        boolean finished = false;
        try {
            Outcome outcome = runOn(scenario, label, consumerName, staging.liveDir(), clock, queueDir.toString(),
                    options);
            RunResult result = outcome.result();
            if (files != null) {
                result = result.withFiles(writeFiles(scenario, outcome, staging.liveDir(), files, options));
            }
            if (options.keepJournal()) {
                staging.finish();
            } else {
                staging.discard();
            }
            finished = true;
            return result;
        } finally {
            if (!finished) {
                staging.discard();
            }
        }
    }

    /**
     * What a run leaves for its files besides its result.
     *
     * @param trafficStartNanos  time zero of the traffic schedule
     * @param epochMillisAtFirstInterval wall-clock time at the start of the first over-time interval
     * @param injected           packets the wire injected
     */
    private record Outcome(RunResult result, LatencyRecorder recorder, long trafficStartNanos,
                           long epochMillisAtFirstInterval, long injected) {
    }

    private static Map<String, String> writeFiles(Scenario scenario, Outcome outcome, Path liveQueueDir, RunFiles files,
                                                  RunOptions options) throws IOException {
        Path dir = java.nio.file.Files.createDirectories(files.filesDir());
        Map<String, String> written = new LinkedHashMap<>();
        HistogramFiles.writePercentiles(outcome.recorder().notification(), dir.resolve(RunFiles.HGRM));
        written.put("hgrm", files.relative(RunFiles.HGRM));
        HistogramFiles.writeIntervalLog(outcome.recorder(), outcome.epochMillisAtFirstInterval(),
                outcome.result().name(), dir.resolve(RunFiles.HLOG));
        written.put("hlog", files.relative(RunFiles.HLOG));
        if (options.exportPackets()) {
            RunConfig run = scenario.run();
            PacketsCsv.write(dir.resolve(RunFiles.PACKETS), liveQueueDir, scenario.traffic(),
                    run.warmupNanos() + run.durationNanos(), outcome.trafficStartNanos(),
                    outcome.result().packets().generated(), outcome.injected());
            written.put("packets", files.relative(RunFiles.PACKETS));
        }
        return written;
    }

    private static Outcome runOn(Scenario scenario, String label, String consumerName, Path queueDir, NanoClock clock,
                                 String journal, RunOptions options) throws Exception {
        TrafficConfig traffic = scenario.traffic();
        FirmwareConfig firmware = scenario.firmware();
        HostConfig host = scenario.host();
        RunConfig run = scenario.run();
        long scheduleNanos = run.warmupNanos() + run.durationNanos();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        try (DeviceQueues queues = DeviceQueues.open(queueDir);
             HostStampJournal stamps = options.exportPackets() ? HostStampJournal.open(queueDir, ConsumerContext.QUEUE) : null) {
            Policy policy = PolicyFactory.create(firmware);
            Device device = DeviceFactory.create(traffic, policy.device(), firmware.pollIntervalNanos(), scheduleNanos,
                    clock, queues);
            GatedDevice gatedDevice = new GatedDevice(device, clock);
            LatencyRecorder recorder = new LatencyRecorder(LatencyRecorder.intervalsCovering(run.warmupNanos()),
                    Math.max(1, LatencyRecorder.intervalsCovering(run.durationNanos())),
                    stamps != null ? stamps : PacketStampSink.NONE);
            InterruptLog interruptLog = new InterruptLog(InterruptLog.DEFAULT_CAPACITY);
            Consumer consumer = Consumers.create(consumerName, new ConsumerContext(queues, clock, recorder,
                    new PacketHandler(host.handlerWorkNanos(), clock), policy.driver(), interruptLog));
            InterruptDispatcher dispatcher = new InterruptDispatcher(queues, clock, consumer, interruptLog);
            String mode = Placement.resolve(host.placement(), Runtime.getRuntime().availableProcessors());

            consumer.start();
            long startNanos = clock.nanoTime() + START_LEAD_NANOS;
            long measureFromNanos = startNanos + run.warmupNanos();
            recorder.measureFrom(measureFromNanos);
            long firstIntervalNanos = measureFromNanos - recorder.warmupIntervals() * LatencyRecorder.INTERVAL_NANOS;
            long epochMillisAtFirstInterval = System.currentTimeMillis() + (firstIntervalNanos - clock.nanoTime()) / 1_000_000;
            device.wire().start(startNanos);
            long stopNanos;
            long trafficStoppedNanos;
            CostWindow costWindow = new CostWindow(consumer.costThreadPrefixes());
            RunCosts costs = null;
            Placement.Report placement;
            try (Placement.Started threads = Placement.start(mode, host.deviceIdle(), host.dispatcherIdle(), gatedDevice,
                    dispatcher, consumerName, consumer.threadName(), consumer.waitsBy(), error -> failure.compareAndSet(null, error))) {
                placement = threads.report();
                try {
                    sleepUntil(measureFromNanos, clock, failure, options); // the warm-up
                    costWindow.open();
                    long handledAtOpen = recorder.packetsHandled();
                    trafficStoppedNanos = waitForTraffic(device, gatedDevice, clock,
                            startNanos + scheduleNanos + run.drainTimeoutNanos(), failure, options);
                    waitForDrain(device, gatedDevice, recorder, clock,
                            Math.max(clock.nanoTime(), startNanos + scheduleNanos) + run.drainTimeoutNanos(), failure,
                            options);
                    costs = costWindow.close(recorder.packetsHandled() - handledAtOpen);
                } finally {
                    stopNanos = clock.nanoTime();
                }
            } finally {
                consumer.stop();
            }
            rethrow(failure);

            boolean stoppedEarly = trafficStoppedNanos != NOT_STOPPED;
            long injected = device.wire().injectedPackets();
            // stopped early: packets due by the stop and not injected are drops; later ones were never generated
            long generated = injected + device.wire().countDueNotInjected(stoppedEarly ? trafficStoppedNanos : stopNanos);
            long written = device.firmware().descriptorsWritten();
            long delivered = recorder.packetsHandled();
            Map<String, Long> drops = new LinkedHashMap<>();
            putIfPositive(drops, DROP_STOPPED_ON_WIRE, generated - injected);
            putIfPositive(drops, DROP_STOPPED_IN_MAC, injected - written);
            putIfPositive(drops, DROP_STRANDED_IN_RING, written - delivered);
            long dropped = drops.values().stream().mapToLong(Long::longValue).sum();
            long trafficNanos = stoppedEarly ? clamp(trafficStoppedNanos - startNanos, scheduleNanos) : scheduleNanos;
            long measuredNanos = stoppedEarly ? clamp(trafficStoppedNanos - measureFromNanos, run.durationNanos())
                    : run.durationNanos();

            Map<String, LatencySummary> stages = new LinkedHashMap<>();
            for (Stage stage : Stage.values()) {
                stages.put(stage.key(), LatencySummary.of(recorder.stage(stage)));
            }
            RunResult result = new RunResult(consumerName, firmware.policy(), PolicyParameters.of(firmware),
                    trafficParameters(traffic),
                    new RunResult.PacketCounts(generated, delivered, dropped, drops, recorder.notification().getTotalCount()),
                    device.firmware().interruptsRaised(), dispatcher.interruptsDelivered(),
                    device.firmware().doorbellsRead(), policy.driver().name(),
                    new RunResult.Latency(LatencySummary.of(recorder.notification()),
                            LatencySummary.of(recorder.notificationUncorrected()), stages),
                    placement, measuredNanos, run.warmupNanos(), journal, label, stoppedEarly, trafficNanos, null,
                    costs);
            return new Outcome(result, recorder, startNanos, epochMillisAtFirstInterval, injected);
        }
    }

    private static long clamp(long nanos, long maxNanos) {
        return Math.max(0, Math.min(nanos, maxNanos));
    }

    /** Sleeps until {@code untilNanos}, or a stop request or a failure, in the runner's usual steps. */
    private static void sleepUntil(long untilNanos, NanoClock clock, AtomicReference<Throwable> failure,
                                   RunOptions options) throws InterruptedException {
        long remaining;
        while ((remaining = untilNanos - clock.nanoTime()) > 0 && failure.get() == null && !options.stop().requested()) {
            options.progress().tick();
            TimeUnit.NANOSECONDS.sleep(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(TRAFFIC_CHECK_MILLIS)));
        }
    }

    /** {@link #waitForTraffic} returns it when the traffic played to its end. */
    private static final long NOT_STOPPED = Long.MIN_VALUE;

    /** @return when the traffic was stopped early, or {@link #NOT_STOPPED} */
    private static long waitForTraffic(Device device, GatedDevice gate, NanoClock clock, long deadlineNanos,
                                       AtomicReference<Throwable> failure, RunOptions options) throws InterruptedException {
        while (!device.wire().isExhausted() && clock.nanoTime() < deadlineNanos && failure.get() == null) {
            if (options.stop().requested()) {
                long stoppedNanos = clock.nanoTime(); // taken before the gate closes: every packet due by then was offered
                gate.close();
                return stoppedNanos;
            }
            options.progress().tick();
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - clock.nanoTime());
            TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(TRAFFIC_CHECK_MILLIS, remainingMillis)));
        }
        return NOT_STOPPED;
    }

    private static void waitForDrain(Device device, GatedDevice gate, LatencyRecorder recorder, NanoClock clock,
                                     long deadlineNanos, AtomicReference<Throwable> failure, RunOptions options)
            throws InterruptedException {
        while (clock.nanoTime() < deadlineNanos && failure.get() == null) {
            long injected = device.wire().injectedPackets();
            long written = device.firmware().descriptorsWritten();
            boolean trafficEnded = device.wire().isExhausted() || !gate.isOpen();
            if (trafficEnded && written == injected && recorder.packetsHandled() == written) {
                return;
            }
            options.progress().tick();
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
