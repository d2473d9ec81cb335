package io.nicsim.bench.run;

import io.nicsim.bench.results.CutShort;
import io.nicsim.bench.scenario.RunConfig;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.TwoProcessConfig;
import io.nicsim.bench.scenario.Units;
import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.nic.agent.IdleStrategies;
import io.nicsim.nic.device.Device;
import io.nicsim.nic.device.DeviceFactory;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.DeviceStatusQueue;
import io.nicsim.nic.queue.DeviceStatusWriter;
import io.nicsim.nic.record.DeviceStatusRecord;
import org.agrona.concurrent.AgentRunner;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The NIC side of a two-process run ({@code nicsim nic SCENARIO --dir D}): the device (wire and firmware) on a
 * thread of its own with the scenario's {@code host.deviceIdle} strategy, writing descriptors and interrupts into
 * D's queues and reading the doorbells, while this (control) thread talks to the host through the device-status
 * queue and the control doorbells.
 *
 * <p>Sequence: wait for a host's ATTACH doorbell (up to {@code run.attachTimeout}; a host that started first has
 * rung it already); write START with the schedule's time zero ({@value #START_LEAD_NANOS} ns ahead, time for the
 * host to read it and start its interrupt path) and start the device; a HEARTBEAT every
 * {@value #HEARTBEAT_NANOS} ns with the running counts; when the schedule has played out (or a Ctrl-C stopped it)
 * and the MAC is empty, TRAFFIC_END with the final traffic counts; then the firmware keeps running (timers, doorbells,
 * what a re-arm raises) until the host rings DONE or {@code run.drainTimeout} passes; then the device stops and END
 * carries every final count. A host that dies in between does not stop the NIC: the traffic plays on into the ring
 * and a restarted host resumes.
 *
 * <p>Ctrl-C (or SIGTERM, through a {@link StopSignal}) behaves as in the one-process runner: the traffic stops
 * (packets not yet due are never generated; those due and not injected are {@code stopped-on-wire}), the ring drains,
 * and TRAFFIC_END and END say {@link DeviceStatusRecord#FLAG_STOPPED_EARLY}. When the signal's {@link DiskWatch}
 * stopped it (the filesystem under D below its floor), the records from then on also say
 * {@link DeviceStatusRecord#FLAG_DISK_FULL} with the free space seen and the floor, so the host accounts those packets
 * as {@code disk-full}.
 */
public final class NicProcess {

    /** How often the NIC says it is alive: a host's stall detection waits for many missed ones. */
    public static final long HEARTBEAT_NANOS = 10_000_000L;
    /**
     * From the first ATTACH to the schedule's time zero. The host's consumer is waiting before it attaches; in
     * this time it reads START (it looks every millisecond) and starts its interrupt path, so no packet is born
     * before the host can be told about it.
     */
    public static final long START_LEAD_NANOS = 100_000_000L;
    private static final long WAIT_STEP_NANOS = 1_000_000L;
    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    /** How a NIC process ended. */
    public enum Status {
        /** The run played and ended (the host rang DONE, or the drain timeout passed). */
        ENDED,
        /** Ctrl-C or SIGTERM: the traffic stopped early, drained, END written. */
        INTERRUPTED,
        /** No host attached within {@code run.attachTimeout}: nothing was sent. */
        NO_HOST,
        /** The device thread failed: END written with {@link DeviceStatusRecord#FLAG_DEVICE_FAILED}. */
        FAILED
    }

    /**
     * @param status what happened
     * @param end    the END record (null if none was written)
     * @param message one line for the user
     */
    public record Outcome(Status status, DeviceStatusRecord end, String message) {
    }

    private NicProcess() {
    }

    /**
     * Checks D for a NIC and claims it: D may be new, empty or nicsim's, must hold no NIC run yet (a NIC cannot
     * resume a run: its device state died with it) and, if a host started first, the same scenario. Creates D and
     * its scenario.yaml if needed and takes {@value TwoProcessDir#NIC_LOCK}.
     *
     * @return the lock, to hold while the NIC runs
     * @throws TwoProcessRefusal (nothing written) if D cannot be used
     */
    public static TwoProcessDir.Lock claim(Scenario scenario, Path dir) throws TwoProcessRefusal, java.io.IOException {
        check(scenario, dir);
        TwoProcessDir.publish(dir, scenario);
        TwoProcessDir.checkScenario(dir, scenario); // another process may have published first
        TwoProcessDir.Lock lock = TwoProcessDir.lock(dir, TwoProcessDir.NIC_LOCK, "NIC");
        try {
            refuseStarted(dir);
        } catch (TwoProcessRefusal e) {
            lock.close();
            throw e;
        }
        return lock;
    }

    /**
     * The checks of {@link #claim} that write nothing, so a command may make them before its other checks (the disk's).
     *
     * @throws TwoProcessRefusal if D cannot be used
     */
    public static void check(Scenario scenario, Path dir) throws TwoProcessRefusal {
        TwoProcessDir.checkOneQueue(scenario);
        TwoProcessDir.checkFolder("--dir", dir);
        TwoProcessDir.checkScenario(dir, scenario);
        refuseStarted(dir);
    }

    private static void refuseStarted(Path dir) throws TwoProcessRefusal {
        if (TwoProcessDir.nicStarted(dir)) {
            throw new TwoProcessRefusal("--dir " + dir + ": a NIC already ran there (its device-status queue is in "
                    + TwoProcessDir.queueDir(dir) + "); a NIC cannot resume a run: use a new --dir");
        }
    }

    /**
     * Runs the NIC side on a claimed D ({@link #claim}).
     *
     * @param log where progress lines go ({@code nic: ...})
     */
    public static Outcome run(Scenario scenario, Path dir, NanoClock clock, StopSignal stop, PrintWriter log)
            throws Exception {
        FirmwareConfig firmware = scenario.firmware();
        RunConfig run = scenario.run();
        TwoProcessConfig twoProcess = scenario.twoProcess();
        long scheduleNanos = run.warmupNanos() + run.durationNanos();
        Path queueDir = TwoProcessDir.queueDir(dir);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (DeviceQueues queues = DeviceQueues.open(queueDir);
             DeviceStatusQueue statusQueue = DeviceStatusQueue.open(queueDir);
             DeviceStatusWriter status = statusQueue.newWriter(clock);
             ControlDoorbells control = new ControlDoorbells(queues.newDoorbellReader())) {
            Device device = DeviceFactory.create(scenario.traffic(), scenario.nic(), PolicyFactory.create(firmware)
                    .device(), firmware.pollIntervalNanos(), scheduleNanos, clock, queues);
            NicDeviceAgent agent = new NicDeviceAgent(device, clock);

            log.printf("nic: %s, %s firmware, %s %.0f pps for %s; queues in %s%n", scenario.name(), firmware.policy(),
                    scenario.traffic().kind(), scenario.traffic().ratePerSecond(), Units.formatDuration(scheduleNanos),
                    queueDir);
            log.printf("nic: waiting for a host to attach (nicsim host ... --dir %s; run.attachTimeout %s)%n", dir,
                    Units.formatDuration(twoProcess.attachTimeoutNanos()));
            log.flush();
            Outcome noHost = awaitHost(dir, twoProcess, control, clock, stop);
            if (noHost != null) {
                return noHost;
            }

            long startNanos = clock.nanoTime() + START_LEAD_NANOS;
            DeviceStatusRecord record = new DeviceStatusRecord();
            record.trafficStartNanos = startNanos;
            report(record, DeviceStatusRecord.START, agent, device, control, status);
            device.start(startNanos);
            AgentRunner runner = new AgentRunner(IdleStrategies.named(scenario.host().deviceIdle()),
                    error -> failure.compareAndSet(null, error), null, agent);
            log.printf("nic: host attached; traffic starts in %s%n", Units.formatDuration(START_LEAD_NANOS));
            log.flush();

            boolean stoppedEarly = false;
            boolean trafficEnded = false;
            long drainDeadline = Long.MAX_VALUE;
            long nextProgressNanos = startNanos + PROGRESS_EVERY_NANOS;
            long attachesSeen = control.attaches();
            try {
                AgentRunner.startOnThread(runner);
                while (failure.get() == null) {
                    TimeUnit.NANOSECONDS.sleep(HEARTBEAT_NANOS);
                    long now = clock.nanoTime();
                    control.poll();
                    if (control.attaches() > attachesSeen) {
                        attachesSeen = control.attaches();
                        log.printf("nic: a host attached again (attach #%d): it resumes the run%n", attachesSeen);
                    }
                    if (stop.requested() && !agent.trafficOver()) {
                        agent.stopTraffic(now, ConsumerRun.notInjectedUntil(stop.cutShort(), now));
                        record.trafficEndNanos = now;
                        stoppedEarly = true;
                        diskFull(record, stop.cutShort());
                    }
                    if (!trafficEnded && agent.trafficOver()
                            && device.firmware().descriptorsWritten() + device.firmware().ringFullDrops()
                            == device.wire().injectedPackets()) {
                        trafficEnded = true;
                        if (!stoppedEarly) {
                            record.trafficEndNanos = startNanos + scheduleNanos;
                        }
                        record.flags |= stoppedEarly ? DeviceStatusRecord.FLAG_STOPPED_EARLY : 0;
                        report(record, DeviceStatusRecord.TRAFFIC_END, agent, device, control, status);
                        drainDeadline = clock.nanoTime() + run.drainTimeoutNanos();
                        log.printf(Locale.ROOT, "nic: traffic %s: %,d packets generated, %,d injected; waiting for the"
                                        + " host to drain (run.drainTimeout %s)%n",
                                stoppedEarly ? "stopped early" : "ended", record.generated, record.injected,
                                Units.formatDuration(run.drainTimeoutNanos()));
                        log.flush();
                        continue;
                    }
                    if (trafficEnded && (control.done() > 0 || now >= drainDeadline)) {
                        break;
                    }
                    report(record, DeviceStatusRecord.HEARTBEAT, agent, device, control, status);
                    if (now >= nextProgressNanos && !trafficEnded) {
                        nextProgressNanos += PROGRESS_EVERY_NANOS;
                        log.printf(Locale.ROOT, "nic: %5.1fs  generated %,d  descriptors %,d  interrupts %,d%n",
                                (now - startNanos) / 1e9, record.generated, record.descriptorsWritten,
                                record.interruptsRaised);
                        log.flush();
                    }
                }
            } finally {
                runner.close(); // joins the device thread
            }

            return finish(record, failure.get(), stoppedEarly, agent, device, control, status, clock);
        }
    }

    /**
     * Waits for a host's ATTACH doorbell.
     *
     * @return null once a host attached; otherwise why no traffic was sent (stopped, or no host in time)
     */
    private static Outcome awaitHost(Path dir, TwoProcessConfig twoProcess, ControlDoorbells control,
                                     NanoClock clock, StopSignal stop) throws InterruptedException {
        long attachDeadline = clock.nanoTime() + twoProcess.attachTimeoutNanos();
        control.poll();
        while (control.attaches() == 0) {
            if (stop.requested()) {
                return new Outcome(Status.INTERRUPTED, null,
                        "interrupted before a host attached; no traffic was sent");
            }
            if (clock.nanoTime() >= attachDeadline) {
                return new Outcome(Status.NO_HOST, null, "no host attached to " + dir + " within "
                        + Units.formatDuration(twoProcess.attachTimeoutNanos())
                        + " (run.attachTimeout); no traffic was sent");
            }
            TimeUnit.NANOSECONDS.sleep(WAIT_STEP_NANOS);
            control.poll();
        }
        return null;
    }

    /**
     * After the device thread stopped: writes the END record (a failed device's unsent packets counted) and says
     * how the run ended.
     *
     * @param error what the device thread threw, or null
     */
    private static Outcome finish(DeviceStatusRecord record, Throwable error, boolean stoppedEarly,
                                  NicDeviceAgent agent, Device device, ControlDoorbells control,
                                  DeviceStatusWriter status, NanoClock clock) {
        if (error != null) {
            record.flags |= DeviceStatusRecord.FLAG_DEVICE_FAILED;
            if (!agent.trafficOver()) {
                // the device thread is gone: count what was due by now and never injected on this thread
                long now = clock.nanoTime();
                record.trafficEndNanos = now;
                record.stoppedOnWire = device.wire().countDueNotInjected(now);
            }
        }
        if (control.done() > 0) {
            record.flags |= DeviceStatusRecord.FLAG_HOST_DONE;
        }
        record.flags |= stoppedEarly ? DeviceStatusRecord.FLAG_STOPPED_EARLY : 0;
        report(record, DeviceStatusRecord.END, agent, device, control, status);
        String counts = String.format(Locale.ROOT, "%,d packets generated, %,d descriptors written, %,d interrupts"
                        + " raised, %,d doorbells read; %s", record.generated, record.descriptorsWritten,
                record.interruptsRaised, record.doorbellsRead,
                control.done() > 0 ? "the host rang DONE" : "no DONE from a host within run.drainTimeout");
        if (error != null) {
            return new Outcome(Status.FAILED, record, "device thread failed: " + error + " (" + counts + ")");
        }
        return new Outcome(stoppedEarly ? Status.INTERRUPTED : Status.ENDED, record, counts);
    }

    /** Marks the status records from now on as cut short by the disk watch, if it was the watch that stopped. */
    private static void diskFull(DeviceStatusRecord record, CutShort why) {
        if (why != null) {
            record.flags |= DeviceStatusRecord.FLAG_DISK_FULL;
            record.diskFreeBytes = why.freeBytes();
            record.diskFloorBytes = why.floorBytes();
        }
    }

    /** Fills {@code record} with the device's counts as they stand and writes it as {@code kind}. */
    private static void report(DeviceStatusRecord record, int kind, NicDeviceAgent agent, Device device,
                               ControlDoorbells control, DeviceStatusWriter status) {
        long injected = device.wire().injectedPackets();
        long written = device.firmware().descriptorsWritten();
        record.kind = kind;
        record.injected = injected;
        record.stoppedOnWire = Math.max(record.stoppedOnWire, agent.dueNotInjected());
        record.generated = injected + record.stoppedOnWire;
        record.descriptorsWritten = written;
        record.interruptsRaised = device.firmware().interruptsRaised();
        record.doorbellsRead = device.firmware().doorbellsRead();
        record.ringFullDrops = device.firmware().ringFullDrops();
        record.stoppedInMac = kind == DeviceStatusRecord.END ? injected - record.ringFullDrops - written : 0;
        record.hostAttaches = control.attaches();
        status.write(record);
    }
}
