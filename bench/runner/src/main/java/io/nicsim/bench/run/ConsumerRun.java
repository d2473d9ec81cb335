package io.nicsim.bench.run;

import io.nicsim.bench.results.PlacementReport;
import io.nicsim.bench.results.CutShort;
import io.nicsim.bench.results.DropReason;
import io.nicsim.bench.results.PacketFate;
import io.nicsim.bench.results.RunFiles;
import io.nicsim.bench.results.RunFolder;

import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.report.PacketsCsv;
import io.nicsim.bench.results.JitterRecording;
import io.nicsim.bench.results.PolicyParameters;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.run.pin.OpenHftAffinity;
import io.nicsim.bench.run.pin.RunPinning;
import io.nicsim.bench.scenario.HostConfig;
import io.nicsim.bench.scenario.RunConfig;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.Policy;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.host.consumer.Consumer;
import io.nicsim.host.consumer.ConsumerGroup;
import io.nicsim.host.cost.CostWindow;
import io.nicsim.host.cost.RunCosts;
import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.Consumers;
import io.nicsim.host.consumer.ShapeConfig;
import io.nicsim.handler.HandlerLifecycle;
import io.nicsim.host.handler.HandlerFaults;
import io.nicsim.host.handler.HandlerSetting;
import io.nicsim.host.handler.HandlerSource;
import io.nicsim.host.handler.Handling;
import io.nicsim.host.handler.WorkModelHandler;
import io.nicsim.bench.results.HandlerReport;
import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.nic.device.NicConfig;
import java.util.ArrayList;
import java.util.List;
import io.nicsim.host.rx.RingReturn;
import io.nicsim.host.rx.RxCounters;
import io.nicsim.nic.traffic.TrafficClasses;
import io.nicsim.host.interrupt.InterruptDispatcher;
import io.nicsim.host.interrupt.InterruptLog;
import io.nicsim.host.measure.HostStampJournal;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.PacketStampSink;
import io.nicsim.host.measure.Stage;
import io.nicsim.nic.device.Device;
import io.nicsim.nic.device.DeviceFactory;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.traffic.MmppSource;
import io.nicsim.nic.traffic.OnOffSource;
import io.nicsim.nic.traffic.TraceSource;
import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.UdpSource;

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
 * generated, and those due but not injected are counted as {@code stopped-on-wire}), what is in flight
 * drains as at the normal end, and the result says {@code interrupted}. When the signal's {@link DiskWatch} stopped
 * it (a filesystem below its floor), those packets are dropped as {@code disk-full} and the result says
 * {@code cutShort}.
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

    private ConsumerRun() {
    }

    /**
     * The per-packet export journals host stamps from one thread: it needs a paced run, one RX queue and a consumer
     * that handles packets on its own thread.
     *
     * @return why {@code --export-packets} cannot export this run, or null if it can
     */
    public static String exportProblem(Scenario scenario, String consumerName) {
        if (scenario.run().virtual()) {
            return "not available in virtual time (run.clock: virtual)"; // checked before anything runs
        }
        if (Consumers.recordsFromManyThreads(consumerName) || scenario.nic().queues() > 1) {
            return consumerName + (scenario.nic().queues() > 1 ? " on " + scenario.nic().queues() + " RX queues" : "")
                    + " handles packets on many threads; the export supports one RX queue and "
                    + String.join(", ", Consumers.DRAINING);
        }
        return null;
    }

    /**
     * As {@link #exportProblem(Scenario, String)}, with the run's handler: an asynchronous user handler on an event
     * loop completes its packets on threads of its own, which the export's one writer cannot follow.
     *
     * @param handler the user's handler, or null for the built-in model
     * @return why {@code --export-packets} cannot export this run, or null if it can
     */
    public static String exportProblem(Scenario scenario, String consumerName, HandlerSource handler) {
        String problem = exportProblem(scenario, consumerName);
        if (problem != null || handler == null || !Consumers.DRAINING.contains(consumerName)) {
            return problem;
        }
        HandlerSetting setting = Consumers.handlerSetting(consumerName, ShapeConfig.DEFAULTS, 1);
        return Handling.completesOnOtherThreads(handler.type(), setting.mode()) ? consumerName + " calls "
                + handler.className() + " asynchronously: its packets complete on threads of its own, and the export"
                + " journals from one" : null;
    }

    /**
     * @param scheduleNanos the traffic's schedule, warm-up included
     * @return the 5-tuple of each flow of {@code traffic}, for a host without the device at hand (two processes): a
     *         trace's table (the trace is read again), none known for live UDP (its flows are learnt by the NIC), the
     *         synthetic flows otherwise
     */
    static io.nicsim.nic.traffic.FlowTuples flowTuples(TrafficConfig traffic, long scheduleNanos) {
        return switch (traffic.kind()) {
            case TraceSource.KIND -> io.nicsim.nic.traffic.TrafficSources.create(traffic, scheduleNanos).flowTuples();
            case UdpSource.KIND -> new io.nicsim.nic.traffic.TupleTable();
            default -> io.nicsim.nic.traffic.SyntheticFlows.INSTANCE;
        };
    }

    /**
     * @return the run's handler, not yet opened: a new instance of the user's class, or the built-in work model of
     *         {@code host.handlerWorkNanos} and {@code host.handlerBlockNanos}
     */
    static HandlerLifecycle newHandler(HandlerSource source, HostConfig host, NanoClock clock) {
        return source != null ? source.newHandler("host.handler")
                : new WorkModelHandler(host.handlerWorkNanos(), host.handlerBlockNanos(), clock);
    }

    /**
     * @return what the user's handler failed or held at the end, for summary.json; null for the built-in model. A
     *         thread left inside it, or its {@code close()} failing, is also told on stderr, one line each.
     */
    static HandlerReport handlerReport(Handling handling, String label, long drainTimeoutNanos) {
        if (!handling.userHandler()) {
            return null;
        }
        HandlerFaults faults = handling.faults();
        if (faults.timeouts() > 0) {
            System.err.println("warning: " + label + ": " + faults.timeouts() + " packet(s) still in handler "
                    + handling.className() + " when run.drainTimeout (" + io.nicsim.bench.scenario.Units
                    .formatDuration(drainTimeoutNanos) + ") ended, dropped as handler-timeout: "
                    + String.join("; ", faults.stuck()));
        }
        if (faults.closeError() != null) {
            System.err.println("warning: " + label + ": " + handling.className() + ".close() failed: "
                    + faults.closeError());
        }
        return new HandlerReport(handling.className(), handling.kind(), faults.errors(), faults.firstError(),
                faults.timeouts(), faults.stuck(), faults.closeError());
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
        if (scenario.run().virtual()) {
            return VirtualRun.run(scenario, label, consumerName, queueDir, files, options);
        }
        QueueStaging staging = QueueStaging.of(scenario.run().queueStaging(), queueDir);
        boolean keep = scenario.run().keepsJournal(options.keepJournal());
        boolean finished = false;
        try {
            Outcome outcome = runOn(scenario, label, consumerName, staging.liveDir(), clock,
                    keep ? queueDir.toString() : null, options);
            RunResult result = outcome.result();
            options.recorded().recorded(outcome.recorder(), outcome.jitter());
            if (files != null) {
                result = result.withFiles(writeFiles(scenario, outcome, staging.liveDir(), files, options));
            }
            if (keep) {
                staging.finish();
            } else {
                staging.discard();
                if (!staging.staged()) {
                    RunFolder.deleteTree(queueDir); // written in place (run.queueStaging: none)
                }
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
     * @param measureFromNanos   when the measured window opened, on {@code clock}
     * @param clock              the run's clock
     * @param injected           packets the wire injected
     * @param jitter             what the platform jitter probe recorded over the measured window
     */
    private record Outcome(RunResult result, LatencyRecorder recorder, long trafficStartNanos,
                           long measureFromNanos, NanoClock clock, long injected, JitterRecording jitter) {
    }

    private static Map<String, String> writeFiles(Scenario scenario, Outcome outcome, Path liveQueueDir, RunFiles files,
                                                  RunOptions options) throws IOException {
        Map<String, String> written = new LinkedHashMap<>(RunFolderWriter.writeHistograms(files, outcome.recorder(),
                outcome.jitter(), outcome.measureFromNanos(), outcome.clock(), outcome.result().name()));
        Path dir = files.filesDir();
        if (options.exportPackets()) {
            RunConfig run = scenario.run();
            PacketsCsv.write(dir.resolve(RunFiles.PACKETS), liveQueueDir, scenario.traffic(),
                    run.warmupNanos() + run.durationNanos(), outcome.trafficStartNanos(),
                    outcome.result().packets().generated(), outcome.injected());
            written.put("packets", files.relative(RunFiles.PACKETS));
        }
        return written;
    }

    /**
     * @return whether the run's recorder takes several writers: shapes, several RX queues, an async user handler on an
     *         event loop (its completions come on threads of its own)
     * @throws IllegalArgumentException if {@code --export-packets} cannot export such a run
     */
    private static boolean manyWriters(Scenario scenario, String consumerName, HandlerSetting setting,
                                       RunOptions options) {
        String problem = options.exportPackets() ? exportProblem(scenario, consumerName, options.handler()) : null;
        if (problem != null) {
            throw new IllegalArgumentException("--export-packets: " + problem);
        }
        return Consumers.recordsFromManyThreads(consumerName) || scenario.nic().queues() > 1
                || options.handler() != null && Handling.completesOnOtherThreads(options.handler().type(),
                setting.mode());
    }

    private static Outcome runOn(Scenario scenario, String label, String consumerName, Path queueDir, NanoClock clock,
                                 String journal, RunOptions options) throws Exception {
        TrafficConfig traffic = scenario.traffic();
        FirmwareConfig firmware = scenario.firmware();
        HostConfig host = scenario.host();
        RunConfig run = scenario.run();
        long scheduleNanos = run.warmupNanos() + run.durationNanos();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        NicConfig nic = scenario.nic();
        int rxQueues = nic.queues();
        ShapeConfig shape = new ShapeConfig(host.workersOrCores(), host.socketSlots(), traffic.flows());
        HandlerSetting handlerSetting = Consumers.handlerSetting(consumerName, shape, rxQueues);
        boolean manyWriters = manyWriters(scenario, consumerName, handlerSetting, options);
        try (DeviceQueues queues = DeviceQueues.open(queueDir, rxQueues);
             HostStampJournal stamps = options.exportPackets()
                     ? HostStampJournal.open(queueDir, ConsumerContext.QUEUE) : null) {
            // each RX queue has its own interrupt vector and moderation state: a policy instance per queue
            Policy[] policies = new Policy[rxQueues];
            NotificationPolicy[] devicePolicies = new NotificationPolicy[rxQueues];
            for (int q = 0; q < rxQueues; q++) {
                policies[q] = PolicyFactory.create(firmware);
                devicePolicies[q] = policies[q].device();
            }
            Policy policy = policies[0];
            Device device = DeviceFactory.create(traffic, nic, devicePolicies, firmware.pollIntervalNanos(),
                    scheduleNanos, clock, queues);
            GatedDevice gatedDevice = new GatedDevice(device, clock);
            LatencyRecorder recorder = new LatencyRecorder(LatencyRecorder.intervalsCovering(run.warmupNanos()),
                    Math.max(1, LatencyRecorder.intervalsCovering(run.durationNanos())),
                    stamps != null ? stamps : PacketStampSink.NONE, manyWriters);
            RxCounters rxCounters = new RxCounters();
            Handling handling = new Handling(newHandler(options.handler(), host, clock), handlerSetting, recorder,
                    clock, device.wire().source().flowTuples());
            int refillEvery = nic.ringSlots() > 0 ? ConsumerContext.REFILL_EVERY : 0;
            InterruptLog[] interruptLogs = new InterruptLog[rxQueues];
            List<ConsumerContext> contexts = new ArrayList<>();
            for (int q = 0; q < rxQueues; q++) {
                interruptLogs[q] = new InterruptLog(InterruptLog.DEFAULT_CAPACITY);
                contexts.add(new ConsumerContext(queues, clock, recorder, handling, policies[q].driver(),
                        interruptLogs[q], rxCounters, shape, q, new RingReturn(refillEvery, 0)));
            }
            Consumer[] byQueue = Consumers.create(consumerName, contexts);
            ConsumerGroup consumer = new ConsumerGroup(byQueue);
            InterruptDispatcher dispatcher = new InterruptDispatcher(queues, clock, byQueue, interruptLogs);
            int cores = Runtime.getRuntime().availableProcessors();
            String mode = Placement.resolve(host.placement(), cores);
            RunPinning pinning = RunPinning.resolve(host.pinning(), cores, mode, consumer.whyNoOwnThread(),
                    OpenHftAffinity.INSTANCE);

            long startNanos;
            long measureFromNanos;
            Played played;
            handling.open();
            try {
                consumer.start(pinning.consumer());
                startNanos = clock.nanoTime() + START_LEAD_NANOS;
                measureFromNanos = startNanos + run.warmupNanos();
                recorder.measureFrom(measureFromNanos);
                device.start(startNanos);
                played = play(new Placed(mode, pinning, host, gatedDevice, dispatcher, label, consumerName,
                        consumer, handling), device, recorder, rxCounters, clock, startNanos, run, failure, options);
            } finally {
                handling.close(); // after the consumer stopped (or never started)
            }
            long stopNanos = played.stopNanos();
            long trafficStoppedNanos = played.trafficStoppedNanos();
            PlacementReport placement = played.placement();
            RunCosts costs = played.costs();
            rethrow(failure);

            boolean stoppedEarly = trafficStoppedNanos != NOT_STOPPED;
            long injected = device.wire().injectedPackets();
            CutShort cutShort = stoppedEarly ? options.stop().cutShort() : null;
            long generated = injected + device.wire().countDueNotInjected(
                    notInjectedUntil(cutShort, stoppedEarly ? trafficStoppedNanos : stopNanos));
            RunResult.PacketCounts packets = PacketFate.account(new PacketFate.Stages(generated, injected,
                    device.firmware().ringFullDrops(), device.firmware().descriptorsWritten(), 0,
                    read(played.readAtEndRun() >= 0 ? played.readAtEndRun() : rxCounters.read(), rxCounters, recorder,
                            handling), rxCounters.socketFull(), recorder.packetsHandled(),
                    recorder.notification().getTotalCount(), handling.faults().errors(), handling.faults().timeouts()),
                    notInjected(cutShort));
            long trafficNanos = stoppedEarly ? clamp(trafficStoppedNanos - startNanos, scheduleNanos) : scheduleNanos;
            long measuredNanos = stoppedEarly ? clamp(trafficStoppedNanos - measureFromNanos, run.durationNanos())
                    : run.durationNanos();

            RunResult result = new RunResult(
                    new RunResult.What(consumerName, label, firmware.policy(), policy.driver().name(),
                            consumer.priority()),
                    new RunResult.Setup(PolicyParameters.of(firmware), trafficParameters(traffic),
                            nicParameters(nic, refillEvery), placement),
                    new RunResult.Counts(packets, device.firmware().interruptsRaised(),
                            dispatcher.interruptsDelivered(), device.firmware().doorbellsRead(),
                            perQueue(device, dispatcher)),
                    new RunResult.Latencies(latency(recorder), byClass(recorder),
                            LatencySummary.of(recorder.deviceLag()),
                            played.jitter() == null ? null : played.jitter().figures()),
                    new RunResult.Window(trafficNanos, run.warmupNanos(), measuredNanos, stoppedEarly, cutShort),
                    costs, new RunResult.Output(journal, null))
                    .withHandler(handlerReport(handling, label, run.drainTimeoutNanos()));
            return new Outcome(result, recorder, startNanos, measureFromNanos, clock, injected, played.jitter());
        }
    }

    /** What a run's threads are and where they run. */
    private record Placed(String mode, RunPinning pinning, HostConfig host, GatedDevice device,
                          InterruptDispatcher dispatcher, String label, String consumerName, ConsumerGroup consumer,
                          Handling handling) {
    }

    /**
     * How the play went: where its threads ran, what the measured window cost, when it stopped, and the packets the
     * drivers had read when the run stopped waiting for them (a driver freed from a stuck handler as the consumer
     * stops reads what was left in its ring, but handles none of it: those stay stranded in the ring).
     */
    private record Played(PlacementReport placement, RunCosts costs, long stopNanos, long trafficStoppedNanos,
                          JitterRecording jitter, long readAtEndRun) {
    }

    /**
     * Starts device and interrupt path as placed, waits out the warm-up, opens the cost window, lets the traffic play
     * and drain, then stops the threads and the consumer.
     */
    private static Played play(Placed placed, Device device, LatencyRecorder recorder, RxCounters rxCounters,
                               NanoClock clock, long startNanos, RunConfig run, AtomicReference<Throwable> failure,
                               RunOptions options) throws Exception {
        long scheduleNanos = run.warmupNanos() + run.durationNanos();
        ConsumerGroup consumer = placed.consumer();
        CostWindow costWindow = new CostWindow(consumer.costThreadPrefixes(), consumer::kernelCalls,
                consumer.onCarriers());
        RunCosts costs = null;
        JitterRecording jitter = null;
        JitterMonitor jitterMonitor = null;
        long stopNanos;
        long trafficStoppedNanos = NOT_STOPPED;
        long readAtEndRun = -1;
        PlacementReport placement;
        LiveSeconds live = liveSeconds(placed, device, recorder, rxCounters, startNanos, run, options);
        try (Placement.Started threads = Placement.start(placed.mode(), placed.host().deviceIdle(),
                placed.host().dispatcherIdle(), placed.device(), placed.dispatcher(), placed.consumerName(),
                consumer.threadName(), consumer.waitsBy(), placed.pinning(),
                error -> failure.compareAndSet(null, error))) {
            placement = threads.report();
            try {
                sleepUntil(startNanos + run.warmupNanos(), clock, failure, options, live); // the warm-up
                costWindow.open();
                placed.handling().openCosts();
                // beside the cost window, as long; its seconds are the recorder's measured intervals
                jitterMonitor = JitterMonitor.start(startNanos + run.warmupNanos(), run.durationNanos(), clock);
                live.jitter(jitterMonitor::interval);
                long handledAtOpen = recorder.packetsHandled();
                trafficStoppedNanos = waitForTraffic(device, placed.device(), clock,
                        startNanos + scheduleNanos + run.drainTimeoutNanos(), failure, options, live);
                waitForDrain(device, placed.device(), recorder, rxCounters, placed.handling(), clock,
                        Math.max(clock.nanoTime(), startNanos + scheduleNanos) + run.drainTimeoutNanos(), failure,
                        options, live);
                live.lastLook(clock.nanoTime());
                placed.handling().endRun();
                readAtEndRun = rxCounters.read();
                costs = costWindow.close(recorder.packetsHandled() - handledAtOpen)
                        .withHandler(placed.handling().closeCosts());
            } finally {
                jitter = jitterMonitor == null ? null : jitterMonitor.stop(); // its thread ends whatever happened
                stopNanos = clock.nanoTime();
            }
        } finally {
            placed.handling().endRun(); // a run that failed: no thread waits on in the handler
            consumer.stop();
        }
        live.finish(clock.nanoTime(), trafficStoppedNanos != NOT_STOPPED ? trafficStoppedNanos
                : startNanos + scheduleNanos); // every writer stopped: the seconds left are final
        return new Played(placement, costs, stopNanos, trafficStoppedNanos, jitter, readAtEndRun);
    }

    /**
     * @return the run's live seconds ({@code --live}), read from the device's counters, the drops counted while traffic
     *         plays and the consumer's threads' CPU; {@link LiveSeconds#OFF} without a live target
     */
    private static LiveSeconds liveSeconds(Placed placed, Device device, LatencyRecorder recorder,
                                           RxCounters rxCounters, long startNanos, RunConfig run, RunOptions options) {
        return LiveSeconds.of(options.live(), placed.label(), recorder, startNanos + run.warmupNanos(),
                run.durationNanos(), () -> {
                    io.nicsim.host.cost.ThreadCpu cpu = new io.nicsim.host.cost.ThreadCpu(
                            placed.consumer().costThreadPrefixes());
                    return new LiveSeconds.Sources(device.firmware()::interruptsRaised,
                            () -> device.firmware().ringFullDrops() + rxCounters.socketFull()
                                    + placed.handling().faults().errors(), now -> cpu.cpuNanos(), false);
                });
    }

    /**
     * @param readCount packets the drivers counted as read (when the run stopped waiting for them)
     * @return packets the drivers read: as counted, or, when a driver stuck in the handler never finished its poll
     *         (it counts a poll's packets when the poll ends), at least every packet that reached the handler or was
     *         dropped for a full buffer
     */
    static long read(long readCount, RxCounters rxCounters, LatencyRecorder recorder, Handling handling) {
        return Math.max(readCount, recorder.packetsHandled() + rxCounters.socketFull()
                + handling.faults().errors() + handling.faults().timeouts());
    }

    /** Notification latency, corrected and uncorrected, and each stage's, as recorded. */
    static RunResult.Latency latency(LatencyRecorder recorder) {
        Map<String, LatencySummary> stages = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            stages.put(stage.key(), LatencySummary.of(recorder.stage(stage)));
        }
        return new RunResult.Latency(LatencySummary.of(recorder.notification()),
                LatencySummary.of(recorder.notificationUncorrected()), stages);
    }

    /**
     * Until when packets never injected count as generated and dropped. Stopped by the user (Ctrl-C): those due by
     * the stop ({@code stopped-on-wire}); later ones were never generated, as the user asked. Cut short by a full disk:
     * the whole rest of the schedule ({@code disk-full}), since the run did not choose to end there.
     */
    static long notInjectedUntil(CutShort cutShort, long stopNanos) {
        return cutShort != null ? Long.MAX_VALUE : stopNanos;
    }

    /** @return why packets due and not injected were dropped: the disk ran low, or a stop was asked for */
    static DropReason notInjected(CutShort cutShort) {
        return cutShort != null ? DropReason.DISK_FULL : DropReason.STOPPED_ON_WIRE;
    }

    static long clamp(long nanos, long maxNanos) {
        return Math.max(0, Math.min(nanos, maxNanos));
    }

    /** Sleeps until {@code untilNanos}, or a stop request or a failure, in the runner's usual steps. */
    private static void sleepUntil(long untilNanos, NanoClock clock, AtomicReference<Throwable> failure,
                                   RunOptions options, LiveSeconds live) throws InterruptedException {
        long remaining;
        while ((remaining = untilNanos - clock.nanoTime()) > 0 && failure.get() == null
                && !options.stop().requested()) {
            options.progress().tick();
            live.sample(clock.nanoTime());
            TimeUnit.NANOSECONDS.sleep(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(TRAFFIC_CHECK_MILLIS)));
        }
    }

    /** {@link #waitForTraffic} returns it when the traffic played to its end. */
    private static final long NOT_STOPPED = Long.MIN_VALUE;

    /** @return when the traffic was stopped early, or {@link #NOT_STOPPED} */
    private static long waitForTraffic(Device device, GatedDevice gate, NanoClock clock, long deadlineNanos,
                                       AtomicReference<Throwable> failure, RunOptions options, LiveSeconds live)
            throws InterruptedException {
        while (!device.wire().isExhausted() && clock.nanoTime() < deadlineNanos && failure.get() == null) {
            if (options.stop().requested()) {
                // taken before the gate closes: every packet due by then was offered
                long stoppedNanos = clock.nanoTime();
                gate.close();
                return stoppedNanos;
            }
            options.progress().tick();
            live.sample(clock.nanoTime());
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - clock.nanoTime());
            TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(TRAFFIC_CHECK_MILLIS, remainingMillis)));
        }
        return NOT_STOPPED;
    }

    /** Notification latency per traffic class that measured packets had. */
    static Map<String, LatencySummary> byClass(LatencyRecorder recorder) {
        Map<String, LatencySummary> classes = new LinkedHashMap<>();
        for (int trafficClass : new int[] {TrafficClasses.HIGH, TrafficClasses.LOW}) {
            if (recorder.notification(trafficClass).getTotalCount() > 0) {
                classes.put(TrafficClasses.name(trafficClass), LatencySummary.of(recorder.notification(trafficClass)));
            }
        }
        return classes;
    }

    static Map<String, Object> nicParameters(NicConfig nic, int refillEvery) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("queues", nic.queues());
        parameters.put("ringSlots", nic.ringSlots());
        parameters.put("refillEvery", refillEvery);
        parameters.put("linkGbps", nic.linkGbps());
        parameters.put("dmaNanos", nic.dmaNanos());
        parameters.put("dmaPicosPerByte", nic.dmaPicosPerByte());
        parameters.put("writeBackDescriptors", nic.writeBackDescriptors());
        parameters.put("writeBackNanos", nic.writeBackNanos());
        return parameters;
    }

    /** What each RX queue carried: how even RSS spread the flows, and where the rings overflowed. */
    private static List<RunResult.QueueCounts> perQueue(Device device, InterruptDispatcher dispatcher) {
        List<RunResult.QueueCounts> counts = new ArrayList<>();
        for (int q = 0; q < device.firmware().rxQueues(); q++) {
            counts.add(new RunResult.QueueCounts(q, device.firmware().descriptorsWritten(q),
                    device.firmware().ringFullDrops(q), device.firmware().interruptsRaised(q)));
        }
        return counts;
    }

    private static void waitForDrain(Device device, GatedDevice gate, LatencyRecorder recorder, RxCounters rxCounters,
                                     Handling handling, NanoClock clock, long deadlineNanos,
                                     AtomicReference<Throwable> failure, RunOptions options, LiveSeconds live)
            throws InterruptedException {
        while (clock.nanoTime() < deadlineNanos && failure.get() == null) {
            long injected = device.wire().injectedPackets();
            long written = device.firmware().descriptorsWritten();
            boolean trafficEnded = device.wire().isExhausted() || !gate.isOpen();
            // every packet written was read from the ring, and every packet read was handled or dropped
            long ringFull = device.firmware().ringFullDrops();
            if (trafficEnded && written + ringFull == injected && rxCounters.read() == written
                    && recorder.packetsHandled() + rxCounters.socketFull() + handling.faults().errors() == written) {
                return;
            }
            options.progress().tick();
            live.sample(clock.nanoTime());
            TimeUnit.MILLISECONDS.sleep(DRAIN_CHECK_MILLIS);
        }
    }

    private static void rethrow(AtomicReference<Throwable> failure) {
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("simulator thread failed: " + error, error);
        }
    }

    static Map<String, Object> trafficParameters(TrafficConfig traffic) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("kind", traffic.kind());
        parameters.put("ratePerSecond", traffic.ratePerSecond());
        parameters.put("seed", traffic.seed());
        parameters.put("flows", traffic.flows());
        parameters.put("frameBytes", traffic.frameBytes());
        parameters.put("highPriorityShare", traffic.highPriorityShare());
        switch (traffic.kind()) {
            case OnOffSource.KIND -> {
                parameters.put("burstNanos", traffic.burstNanos());
                parameters.put("idleNanos", traffic.idleNanos());
            }
            case MmppSource.KIND -> {
                parameters.put("mmppRate2PerSecond", traffic.mmppRate2PerSecond());
                parameters.put("mmppSojourn1Nanos", traffic.mmppSojourn1Nanos());
                parameters.put("mmppSojourn2Nanos", traffic.mmppSojourn2Nanos());
            }
            case TraceSource.KIND -> {
                parameters.put("traceFile", traffic.traceFile());
                parameters.put("traceSpeedup", traffic.traceSpeedup());
                parameters.put("traceRepeat", traffic.traceRepeat());
            }
            case UdpSource.KIND -> parameters.put("udpPort", traffic.udpPort());
            default -> {
                // constant and poisson: rate, seed, flows and frame size say it all
            }
        }
        return parameters;
    }
}
