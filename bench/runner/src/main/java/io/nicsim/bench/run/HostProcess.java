package io.nicsim.bench.run;

import io.nicsim.bench.results.PlacementReport;
import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.PacketFate;
import io.nicsim.bench.results.CutShort;
import io.nicsim.bench.results.DropReason;
import io.nicsim.bench.results.Environment;
import io.nicsim.bench.results.PolicyParameters;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.results.TwoProcessReport;
import io.nicsim.bench.scenario.HostConfig;
import io.nicsim.bench.scenario.RunConfig;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.TwoProcessConfig;
import io.nicsim.bench.scenario.Units;
import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.Policy;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.host.consumer.Consumer;
import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.rx.RingReturn;
import io.nicsim.host.Consumers;
import io.nicsim.host.consumer.ShapeConfig;
import io.nicsim.host.cost.CostWindow;
import io.nicsim.host.cost.RunCosts;
import io.nicsim.host.handler.HandlerSetting;
import io.nicsim.host.handler.HandlerSource;
import io.nicsim.host.handler.Handling;
import io.nicsim.host.interrupt.InterruptDispatcher;
import io.nicsim.host.interrupt.InterruptLog;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.PacketStampSink;
import io.nicsim.host.rx.RxCounters;
import io.nicsim.nic.agent.IdleStrategies;
import io.nicsim.nic.device.Device;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.DeviceStatusQueue;
import io.nicsim.nic.queue.DoorbellWriter;
import io.nicsim.nic.queue.NamedReaderPosition;
import io.nicsim.nic.record.DeviceStatusRecord;
import io.nicsim.nic.record.DoorbellRecord;
import org.agrona.concurrent.AgentRunner;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host side of a two-process run ({@code nicsim host SCENARIO --dir D}): the interrupt path and one consumer
 * (the scenario's {@code host.consumer}) over D's queues, stamping latencies as a one-process run does, and at the
 * end the usual summary.json (into {@code --out}, by default D).
 *
 * <p>Sequence: start the consumer (waiting); ring ATTACH; wait for the NIC's START (up to {@code run.attachTimeout};
 * a NIC that started first is waiting for the ATTACH); start the interrupt path; follow the NIC's status; once the
 * NIC reported TRAFFIC_END and every descriptor it wrote was consumed (or {@code run.drainTimeout} passed since),
 * stop, ring DONE, wait for the NIC's END and write the summary.
 *
 * <p><b>Restart.</b> The descriptor and interrupt readers are Chronicle named tailers ({@value #READER_NAME}-...): a
 * host started again after one died resumes after the last record the dead one read. Packets the dead host read
 * are counted from where its named reader stands when the new one attaches (packet ids are 0, 1, 2, ...), as
 * dropped with reason {@code read-by-earlier-host}: their handling and latencies died with that process, so
 * the histograms cover the packets this host handled. The summary's {@code twoProcess} section says the host
 * restarted. A restarted host wakes its consumer once at start ({@link HostInterruptPath}), so a queue the dead host
 * left masked, or packets whose interrupt it already took, are polled, and the driver re-arms when they are drained.
 * Ctrl-C on a host stops it like a death, but politely: it writes what it had with {@code "interrupted": true} and
 * exits 130, and a host started again resumes.
 *
 * <p><b>Stall.</b> If no status record comes from the NIC for {@code run.stallTimeout} before its END, the host
 * stops and writes a partial summary with {@code "stalled": true}: accounting over the packets the NIC last reported
 * (or the host read, if more), balanced as always.
 *
 * <p><b>Disk.</b> When the NIC's disk watch stopped its traffic, its status records say so
 * ({@link DeviceStatusRecord#FLAG_DISK_FULL}): the host drains as at a Ctrl-C on the NIC, its packets due and not
 * injected are {@code disk-full} drops and summary.json says {@code "cutShort"}. When this host's own watch (the
 * {@link StopSignal}'s) trips, it stops reading, rings DONE and writes what it had with {@code "cutShort"}.
 */
public final class HostProcess {

    /** Name prefix of the host's named readers. */
    public static final String READER_NAME = "host";

    /** How often the host looks at the NIC's status while the traffic plays. */
    private static final long TRAFFIC_CHECK_NANOS = 10_000_000L;
    /** How often it looks once the traffic ended, and while waiting for START or END. */
    private static final long DRAIN_CHECK_NANOS = 1_000_000L;
    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;
    /** Until START is read packets count as warm-up: the measured window is not known yet. */
    private static final long NOT_YET_NANOS = Long.MAX_VALUE / 4;
    /** Why a two-process run's threads are not pinned. */
    private static final String NOT_PINNED = "two processes: host.pinning applies to runs in one process";

    /** How a host process ended. */
    public enum Status {
        /** The run ended: every packet accounted, the NIC reported END. */
        FINISHED,
        /** The NIC went silent for {@code run.stallTimeout}: a partial summary. */
        STALLED,
        /** The NIC never started the traffic within {@code run.attachTimeout}: no summary. */
        NO_NIC,
        /** Ctrl-C or SIGTERM before the NIC started: no summary. */
        INTERRUPTED_BEFORE_START,
        /** Ctrl-C or SIGTERM on this host: what it had, {@code "interrupted": true}; a host started again resumes. */
        INTERRUPTED,
        /** This host's disk watch stopped it (a filesystem below its floor): what it had, {@code "cutShort"}. */
        CUT_SHORT
    }

    /**
     * @param status     what happened
     * @param summary    what was written (null if nothing was)
     * @param message    one line for the user
     * @param accounting generated = delivered + dropped, by reason (null if nothing was written)
     */
    public record Outcome(Status status, Summary summary, String message, String accounting) {
    }

    /** Why the host stopped following the NIC. */
    private enum Stop { DRAINED, DRAIN_TIMEOUT, STALLED, INTERRUPTED, DISK_FULL }

    private HostProcess() {
    }

    /**
     * Checks D and {@code out} for a host and claims D: exactly one consumer, D new, empty or nicsim's, the same
     * scenario as a NIC that started first, no finished run in D (a host already rang DONE), {@code out} writable.
     * Creates D and its scenario.yaml if needed and takes {@value TwoProcessDir#HOST_LOCK}.
     *
     * @return the lock, to hold while the host runs
     * @throws TwoProcessRefusal (nothing written) if the input cannot be used
     */
    public static TwoProcessDir.Lock claim(Scenario scenario, Path dir, Path out)
            throws TwoProcessRefusal, IOException {
        check(scenario, dir, out);
        TwoProcessDir.publish(dir, scenario);
        TwoProcessDir.checkScenario(dir, scenario); // another process may have published first
        TwoProcessDir.Lock lock = TwoProcessDir.lock(dir, TwoProcessDir.HOST_LOCK, "host");
        try {
            refuseFinished(dir);
        } catch (TwoProcessRefusal e) {
            lock.close();
            throw e;
        }
        return lock;
    }

    /**
     * The checks of {@link #claim} that write nothing, so a command may make them before its other checks (the disk's).
     *
     * @throws TwoProcessRefusal if the input cannot be used
     */
    public static void check(Scenario scenario, Path dir, Path out) throws TwoProcessRefusal {
        List<String> consumers = scenario.host().consumers();
        if (consumers.size() != 1) {
            throw new TwoProcessRefusal("host.consumer: a host process runs exactly one consumer, the scenario lists "
                    + consumers.size() + " (" + String.join(", ", consumers)
                    + "); choose one, e.g. --set host.consumer="
                    + consumers.getFirst());
        }
        TwoProcessDir.checkOneQueue(scenario);
        TwoProcessConfig twoProcess = scenario.twoProcess();
        if (twoProcess.stallTimeoutNanos() <= 0) {
            throw new TwoProcessRefusal("run.stallTimeout: must be above 0, found "
                    + Units.formatDuration(twoProcess.stallTimeoutNanos()));
        }
        TwoProcessDir.checkFolder("--dir", dir);
        if (!out.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            TwoProcessDir.checkFolder("--out", out);
        }
        TwoProcessDir.checkScenario(dir, scenario);
        refuseFinished(dir);
    }

    private static void refuseFinished(Path dir) throws TwoProcessRefusal {
        if (TwoProcessDir.controlDoorbells(dir).done() > 0) {
            throw new TwoProcessRefusal("--dir " + dir + " holds a finished run (a host rang DONE; its summary is in "
                    + dir.resolve(SummaryWriter.FILE_NAME) + " or its --out): use a new --dir");
        }
    }

    /**
     * Runs the host side on a claimed D ({@link #claim}) and writes the summary into {@code out}.
     *
     * @param log     where progress lines go ({@code host: ...})
     * @param command how the host was started, for the summary
     * @throws IllegalStateException if a simulator thread failed; the message says which and why
     */
    public static Outcome run(Scenario scenario, Path dir, Path out, NanoClock clock, StopSignal stop,
                              PrintWriter log, String command) throws Exception {
        return run(scenario, dir, out, clock, stop, log, command, null);
    }

    /**
     * As {@link #run(Scenario, Path, Path, NanoClock, StopSignal, PrintWriter, String)}, calling a user's handler.
     *
     * @param handler the user's packet handler ({@code host.handler}), or null for the built-in work model
     */
    public static Outcome run(Scenario scenario, Path dir, Path out, NanoClock clock, StopSignal stop,
                              PrintWriter log, String command, HandlerSource handler) throws Exception {
        String consumerName = scenario.host().consumers().getFirst();
        FirmwareConfig firmware = scenario.firmware();
        HostConfig host = scenario.host();
        RunConfig run = scenario.run();
        TwoProcessConfig twoProcess = scenario.twoProcess();
        Path queueDir = TwoProcessDir.queueDir(dir);
        long earlierAttaches = TwoProcessDir.controlDoorbells(dir).attaches();
        boolean restarted = earlierAttaches > 0;
        AtomicReference<Throwable> failure = new AtomicReference<>();

        try (DeviceQueues queues = DeviceQueues.openWithNamedReaders(queueDir, READER_NAME);
             DeviceStatusQueue statusQueue = DeviceStatusQueue.open(queueDir);
             NicStatus nic = new NicStatus(statusQueue.newReader());
             DoorbellWriter control = queues.newDoorbellWriter(clock)) {
            nic.poll();
            Policy policy = PolicyFactory.create(firmware);
            ShapeConfig shape = new ShapeConfig(host.workersOrCores(), host.socketSlots(), scenario.traffic().flows());
            HandlerSetting handlerSetting = Consumers.handlerSetting(consumerName, shape, 1);
            boolean manyWriters = Consumers.recordsFromManyThreads(consumerName)
                    || handler != null && Handling.completesOnOtherThreads(handler.type(), handlerSetting.mode());
            LatencyRecorder recorder = new LatencyRecorder(LatencyRecorder.intervalsCovering(run.warmupNanos()),
                    Math.max(1, LatencyRecorder.intervalsCovering(run.durationNanos())), PacketStampSink.NONE,
                    manyWriters);
            recorder.measureFrom(nic.start() != null ? nic.start().trafficStartNanos + run.warmupNanos()
                    : NOT_YET_NANOS);
            InterruptLog interruptLog = new InterruptLog(InterruptLog.DEFAULT_CAPACITY);
            RxCounters rxCounters = new RxCounters();
            long earlierPackets = NamedReaderPosition.descriptorsConsumed(queues); // before our reader moves it
            // a resumed host goes on returning ring slots from where the earlier hosts' count stands
            RingReturn ring = new RingReturn(scenario.nic().ringSlots() > 0 ? ConsumerContext.REFILL_EVERY : 0,
                    earlierPackets);
            Handling handling = new Handling(ConsumerRun.newHandler(handler, host, clock), handlerSetting, recorder,
                    clock, ConsumerRun.flowTuples(scenario.traffic(), run.warmupNanos() + run.durationNanos()));
            Consumer consumer = Consumers.create(consumerName, new ConsumerContext(queues, clock, recorder,
                    handling, policy.driver(), interruptLog, rxCounters, shape, ConsumerContext.QUEUE, ring));
            InterruptDispatcher dispatcher = new InterruptDispatcher(queues, clock, consumer, interruptLog);

            start(handling, consumer);
            long stopNanos;
            RunCosts costs;
            Stop stopped;
            PlacementReport placement;
            try {
                control.ring(ConsumerContext.QUEUE, DoorbellRecord.ATTACH, earlierPackets - 1);
                long attachNanos = clock.nanoTime();
                log.printf(Locale.ROOT, "host: %s, consumer %s; attached to %s as host #%d%s%n", scenario.name(),
                        consumerName, dir, earlierAttaches + 1, restarted ? String.format(Locale.ROOT,
                                " (a restart: earlier hosts read %,d packets; resuming after them)", earlierPackets)
                                : "");
                log.flush();
                if (nic.start() == null) {
                    Outcome notStarted = awaitNic(nic, dir, twoProcess, attachNanos, clock, stop, log);
                    if (notStarted != null) {
                        return notStarted;
                    }
                    // set before the interrupt path starts: its start orders this write before any packet it signals
                    recorder.measureFrom(nic.start().trafficStartNanos + run.warmupNanos());
                }
                long startNanos = nic.start().trafficStartNanos;

                HostInterruptPath path = new HostInterruptPath(dispatcher, consumer, restarted);
                AgentRunner runner = new AgentRunner(IdleStrategies.named(host.dispatcherIdle()),
                        error -> failure.compareAndSet(null, error), null, path);
                placement = placement(host, path, consumer, consumerName);
                Watched watched = watchOnThread(runner, new Watch(nic, recorder, rxCounters, consumer, handling,
                        failure, stop, log, clock), scenario, startNanos, attachNanos, earlierPackets);
                stopped = watched.stop();
                costs = watched.costs();
                stopNanos = watched.stopNanos();
            } finally {
                stop(handling, consumer);
            }
            Throwable error = failure.get();
            if (error != null) {
                throw new IllegalStateException("simulator thread failed: " + error, error);
            }

            if (stopped == Stop.DRAINED || stopped == Stop.DRAIN_TIMEOUT) {
                control.ring(ConsumerContext.QUEUE, DoorbellRecord.DONE, earlierPackets + rxCounters.read() - 1);
                if (!awaitNicEnd(nic, twoProcess, clock)) {
                    stopped = Stop.STALLED;
                }
            } else if (stopped == Stop.DISK_FULL) {
                // this host reads no more: the NIC may end once its traffic did (its own watch stops that first)
                control.ring(ConsumerContext.QUEUE, DoorbellRecord.DONE, earlierPackets + rxCounters.read() - 1);
            }
            CutShort cut = cutShort(nic, dir, stop);
            Summary summary = summarize(scenario, consumerName, policy, dir, out, recorder, rxCounters, handling,
                    dispatcher, consumer, nic, placement, costs, stopped, stopNanos, earlierPackets, earlierAttaches,
                    command, cut).withCutShort(cut);
            summary = write(summary, scenario, recorder, nic.start().trafficStartNanos + run.warmupNanos(), out,
                    consumerName, clock);
            return outcome(stopped, summary, dir, out, twoProcess);
        }
    }

    /** Opens the handler, then starts the consumer; the handler is closed again if the consumer cannot start. */
    private static void start(Handling handling, Consumer consumer) throws Exception {
        handling.open();
        try {
            consumer.start();
        } catch (Exception | Error e) {
            handling.close();
            throw e;
        }
    }

    /** Gives up on what is still in the handler (so the stop cannot hang), stops the consumer, closes the handler. */
    private static void stop(Handling handling, Consumer consumer) throws Exception {
        handling.endRun();
        try {
            consumer.stop();
        } finally {
            handling.close();
        }
    }

    /** @return where the two processes' threads run: none pinned */
    private static PlacementReport placement(HostConfig host, HostInterruptPath path, Consumer consumer,
                                             String consumerName) {
        return new PlacementReport("two-process", List.of(
                PlacementReport.ThreadPlacement.unpinned(Device.ROLE + " (nic process)", List.of(Device.ROLE),
                        host.deviceIdle(), NOT_PINNED),
                PlacementReport.ThreadPlacement.unpinned(path.roleName(), List.of(InterruptDispatcher.ROLE),
                        host.dispatcherIdle(), NOT_PINNED),
                PlacementReport.ThreadPlacement.unpinned(consumer.threadName(), List.of(consumerName),
                        consumer.waitsBy(), NOT_PINNED)),
                PlacementReport.Pinning.unpinned(host.pinning(), NOT_PINNED));
    }

    /** What the host watches while the traffic plays, and how it reports. */
    private record Watch(NicStatus nic, LatencyRecorder recorder, RxCounters rxCounters, Consumer consumer,
                         Handling handling, AtomicReference<Throwable> failure, StopSignal stop, PrintWriter log,
                         NanoClock clock) {
    }

    /** Why the host stopped watching, what the measured window cost (null if it never opened), and when. */
    private record Watched(Stop stop, RunCosts costs, long stopNanos) {
    }

    /** Runs the interrupt path on its own thread while {@link #watch} watches; stops that thread after. */
    private static Watched watchOnThread(AgentRunner runner, Watch w, Scenario scenario, long startNanos,
                                         long attachNanos, long earlierPackets) throws InterruptedException {
        try {
            AgentRunner.startOnThread(runner);
            return watch(w, scenario, startNanos, attachNanos, earlierPackets);
        } finally {
            runner.close();
        }
    }

    /** Waits for the NIC's start record; @return null once it came, else why the host gives up (nothing written) */
    private static Outcome awaitNic(NicStatus nic, Path dir, TwoProcessConfig twoProcess, long attachNanos,
                                    NanoClock clock, StopSignal stop, PrintWriter log) throws InterruptedException {
        log.printf("host: waiting for the NIC to start (nicsim nic ... --dir %s; run.attachTimeout %s)%n",
                dir, Units.formatDuration(twoProcess.attachTimeoutNanos()));
        log.flush();
        long deadline = attachNanos + twoProcess.attachTimeoutNanos();
        while (nic.start() == null) {
            if (stop.requested()) {
                return new Outcome(Status.INTERRUPTED_BEFORE_START, null,
                        "interrupted before the NIC started; nothing was written", null);
            }
            if (clock.nanoTime() >= deadline) {
                return new Outcome(Status.NO_NIC, null, "no NIC started the traffic in " + dir + " within "
                        + Units.formatDuration(twoProcess.attachTimeoutNanos())
                        + " (run.attachTimeout); nothing was written", null);
            }
            TimeUnit.NANOSECONDS.sleep(DRAIN_CHECK_NANOS);
            nic.poll();
        }
        return null;
    }

    /**
     * Watches the NIC's status and this host's counters until every packet the NIC wrote was handled (or dropped),
     * the drain times out, the NIC goes silent, a stop is requested or a thread fails; opens the cost window when
     * the measured window starts and closes it at the end.
     */
    private static Watched watch(Watch w, Scenario scenario, long startNanos, long attachNanos, long earlierPackets)
            throws InterruptedException {
        RunConfig run = scenario.run();
        long measureFromNanos = startNanos + run.warmupNanos();
        CostWindow costWindow = new CostWindow(w.consumer().costThreadPrefixes(), w.consumer()::kernelCalls,
                w.consumer().costThreadPrefixes().contains("ForkJoinPool-"));
        boolean costWindowOpen = false;
        long handledAtOpen = 0;
        long drainDeadline = Long.MAX_VALUE;
        long nextProgressNanos = Math.max(w.clock().nanoTime(), startNanos) + PROGRESS_EVERY_NANOS;
        Stop stopped;
        while (true) {
            long now = w.clock().nanoTime();
            w.nic().poll();
            if (!costWindowOpen && now >= measureFromNanos && w.failure().get() == null) {
                costWindow.open();
                w.handling().openCosts();
                handledAtOpen = w.recorder().packetsHandled();
                costWindowOpen = true;
            }
            DeviceStatusRecord trafficEnd = w.nic().trafficEnd() != null ? w.nic().trafficEnd() : w.nic().end();
            if (trafficEnd != null && drainDeadline == Long.MAX_VALUE) {
                drainDeadline = Math.max(trafficEnd.writtenNanos, attachNanos) + run.drainTimeoutNanos();
            }
            stopped = stopReason(w, scenario.twoProcess(), trafficEnd, now, drainDeadline, earlierPackets);
            if (stopped != null) {
                break;
            }
            if (now >= nextProgressNanos) {
                nextProgressNanos += PROGRESS_EVERY_NANOS;
                printProgress(w, now - startNanos, earlierPackets);
            }
            TimeUnit.NANOSECONDS.sleep(trafficEnd != null ? DRAIN_CHECK_NANOS : TRAFFIC_CHECK_NANOS);
        }
        w.handling().endRun();
        RunCosts costs = costWindowOpen ? costWindow.close(w.recorder().packetsHandled() - handledAtOpen)
                .withHandler(w.handling().closeCosts()) : null;
        return new Watched(stopped, costs, w.clock().nanoTime());
    }

    /** @return why the host stops watching now, or null to go on */
    private static Stop stopReason(Watch w, TwoProcessConfig twoProcess, DeviceStatusRecord trafficEnd, long now,
                                   long drainDeadline, long earlierPackets) {
        if (w.failure().get() != null) {
            return Stop.DRAIN_TIMEOUT;
        }
        if (w.stop().requested()) {
            return w.stop().cutShort() != null ? Stop.DISK_FULL : Stop.INTERRUPTED;
        }
        if (w.nic().end() == null && now - w.nic().latest().writtenNanos > twoProcess.stallTimeoutNanos()) {
            return Stop.STALLED;
        }
        if (trafficEnd != null) {
            long read = w.rxCounters().read();
            if (earlierPackets + read >= trafficEnd.descriptorsWritten && w.recorder().packetsHandled()
                    + w.rxCounters().socketFull() + w.handling().faults().errors() == read) {
                return Stop.DRAINED;
            }
            if (now >= drainDeadline) {
                return Stop.DRAIN_TIMEOUT;
            }
        }
        return null;
    }

    private static void printProgress(Watch w, long sinceStartNanos, long earlierPackets) {
        w.log().printf(Locale.ROOT, "host: %5.1fs  handled %,d  read %,d%s  nic: written %,d%n",
                sinceStartNanos / 1e9, w.recorder().packetsHandled(), w.rxCounters().read(),
                earlierPackets > 0 ? String.format(Locale.ROOT, " (+%,d by earlier hosts)", earlierPackets) : "",
                w.nic().latest().descriptorsWritten);
        w.log().flush();
    }

    /** Waits up to the stall timeout for the NIC's end record; @return whether it came */
    private static boolean awaitNicEnd(NicStatus nic, TwoProcessConfig twoProcess, NanoClock clock)
            throws InterruptedException {
        long deadline = clock.nanoTime() + twoProcess.stallTimeoutNanos();
        while (nic.end() == null && clock.nanoTime() < deadline) {
            TimeUnit.NANOSECONDS.sleep(DRAIN_CHECK_NANOS);
            nic.poll();
        }
        return nic.end() != null;
    }

    private static Outcome outcome(Stop stopped, Summary summary, Path dir, Path out, TwoProcessConfig twoProcess) {
        RunResult.PacketCounts packets = summary.runs().getFirst().packets();
        String counts = String.format(Locale.ROOT, "%,d generated = %,d delivered + %,d dropped %s",
                packets.generated(), packets.delivered(), packets.dropped(), packets.dropReasons());
        return switch (stopped) {
            case STALLED -> new Outcome(Status.STALLED, summary, "stalled: no heartbeat from the NIC for "
                    + Units.formatDuration(twoProcess.stallTimeoutNanos()) + " (run.stallTimeout); partial results"
                    + " in " + out.resolve(SummaryWriter.FILE_NAME), counts);
            case INTERRUPTED -> new Outcome(Status.INTERRUPTED, summary, "interrupted: this host stopped; a host"
                    + " started again on " + dir + " resumes; results so far in " + out, counts);
            case DISK_FULL -> new Outcome(Status.CUT_SHORT, summary, "this host stopped reading; results so far in "
                    + out, counts);
            default -> new Outcome(Status.FINISHED, summary, "done", counts);
        };
    }

    private static Summary summarize(Scenario scenario, String consumerName, Policy policy, Path dir, Path out,
                                     LatencyRecorder recorder, RxCounters rxCounters, Handling handling,
                                     InterruptDispatcher dispatcher,
                                     Consumer consumer, NicStatus nic, PlacementReport placement, RunCosts costs,
                                     Stop stopped, long stopNanos, long earlierPackets, long earlierAttaches,
                                     String command, CutShort cut) throws InterruptedException {
        RunConfig run = scenario.run();
        long scheduleNanos = run.warmupNanos() + run.durationNanos();
        // the NIC's last word: END's counts are final, TRAFFIC_END's final for the traffic, a heartbeat's partial
        DeviceStatusRecord counts = nic.end() != null ? nic.end() : nic.latest();
        DeviceStatusRecord trafficEnd = nic.trafficEnd() != null ? nic.trafficEnd() : nic.end();
        long read = ConsumerRun.read(rxCounters.read(), rxCounters, recorder, handling);
        long delivered = recorder.packetsHandled();
        long socketFull = rxCounters.socketFull();
        long consumed = earlierPackets + read;
        // never below what this host saw: a heartbeat may be older than the host's last read
        long written = Math.max(counts.descriptorsWritten, consumed);
        long injected = Math.max(counts.injected, written);
        long generated = Math.max(counts.generated, injected);
        RunResult.PacketCounts packets = PacketFate.account(new PacketFate.Stages(generated, injected,
                counts.ringFullDrops, written, earlierPackets, read, socketFull, delivered,
                recorder.notification().getTotalCount(), handling.faults().errors(), handling.faults().timeouts()),
                counts.has(DeviceStatusRecord.FLAG_DISK_FULL) ? DropReason.DISK_FULL : DropReason.STOPPED_ON_WIRE);

        long startNanos = nic.start().trafficStartNanos;
        long trafficEndNanos = trafficEnd != null && trafficEnd.trafficEndNanos != DeviceStatusRecord.UNKNOWN
                ? trafficEnd.trafficEndNanos : Math.min(stopNanos, nic.latest().writtenNanos);
        boolean nicStoppedEarly = trafficEnd != null && trafficEnd.has(DeviceStatusRecord.FLAG_STOPPED_EARLY);
        boolean interrupted = nicStoppedEarly || stopped == Stop.INTERRUPTED || stopped == Stop.DISK_FULL;
        boolean stalled = stopped == Stop.STALLED;
        long trafficNanos = ConsumerRun.clamp(trafficEndNanos - startNanos, scheduleNanos);
        long measuredNanos = ConsumerRun.clamp(trafficEndNanos - startNanos - run.warmupNanos(), run.durationNanos());

        RunCosts completed = MemoryProbe.complete(costs, consumerName, run.memoryProbeWaiters());
        int refillEvery = scenario.nic().ringSlots() > 0 ? ConsumerContext.REFILL_EVERY : 0;
        RunResult result = new RunResult(
                new RunResult.What(consumerName, consumerName, scenario.firmware().policy(), policy.driver().name(),
                        consumer.priority()),
                new RunResult.Setup(PolicyParameters.of(scenario.firmware()),
                        ConsumerRun.trafficParameters(scenario.traffic()),
                        ConsumerRun.nicParameters(scenario.nic(), refillEvery), placement),
                new RunResult.Counts(packets, counts.interruptsRaised, dispatcher.interruptsDelivered(),
                        counts.doorbellsRead, null),
                new RunResult.Latencies(ConsumerRun.latency(recorder), ConsumerRun.byClass(recorder),
                        LatencySummary.of(recorder.deviceLag())),
                new RunResult.Window(trafficNanos, run.warmupNanos(), measuredNanos, interrupted, cut),
                completed, new RunResult.Output(TwoProcessDir.queueDir(dir).toString(), null))
                .withHandler(ConsumerRun.handlerReport(handling, "host", run.drainTimeoutNanos()));
        String nicEnd = nic.end() == null
                ? (stopped == Stop.INTERRUPTED ? TwoProcessReport.NIC_RUNNING : TwoProcessReport.NIC_STALLED)
                : nic.end().has(DeviceStatusRecord.FLAG_DEVICE_FAILED) ? TwoProcessReport.NIC_DEVICE_FAILED
                : nic.end().has(DeviceStatusRecord.FLAG_HOST_DONE) ? TwoProcessReport.NIC_HOST_DONE
                : TwoProcessReport.NIC_DRAIN_TIMEOUT;
        TwoProcessReport report = new TwoProcessReport(dir.toString(), earlierAttaches + 1, earlierAttaches > 0,
                earlierPackets, earlierPackets > 0
                        ? "the packets this host process handled (packet " + earlierPackets + " on); earlier hosts'"
                        + " latencies died with them"
                        : "every packet this host process handled",
                nicEnd, counts.hostAttaches, nic.records());
        return new Summary(scenario.name(), interrupted, Environment.current(), List.of(result), scenario.effective(),
                command, null, stalled, report);
    }

    /**
     * Writes the run's histogram files, summary.json, scenario.yaml and report.html into {@code out}.
     *
     * @return the summary as written (with the run's files)
     */
    private static Summary write(Summary summary, Scenario scenario, LatencyRecorder recorder, long measureFromNanos,
                                 Path out, String consumerName, NanoClock clock) throws IOException {
        RunFolderWriter folder = RunFolderWriter.open(out, scenario.effective());
        RunResult result = summary.runs().getFirst();
        Map<String, String> written = RunFolderWriter.writeHistograms(folder.files(0, consumerName), recorder,
                measureFromNanos, clock, result.name());
        return folder.finish(new Summary(summary.scenario(), summary.interrupted(), summary.environment(),
                List.of(result.withFiles(written)), summary.effectiveScenario(), summary.command(), null,
                summary.stalled(), summary.twoProcess()).withCutShort(summary.cutShort()));
    }

    /**
     * @return why the run was cut short: the NIC's disk watch stopped its traffic (it says so in its status records),
     *         or this host's own watch stopped it reading; null if neither
     */
    private static CutShort cutShort(NicStatus nic, Path dir, StopSignal stop) {
        DeviceStatusRecord counts = nic.end() != null ? nic.end() : nic.latest();
        if (counts != null && counts.has(DeviceStatusRecord.FLAG_DISK_FULL)) {
            return nicCutShort(counts, dir);
        }
        return stop.cutShort();
    }

    /** @return the NIC's disk watch's cut, on the filesystem of the folder it writes (--dir) */
    private static CutShort nicCutShort(DeviceStatusRecord counts, Path dir) {
        return new CutShort(CutShort.DISK_FULL, dir.toString(), counts.diskFreeBytes, counts.diskFloorBytes);
    }
}
