package io.nicsim.bench.run.virtual;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.model.VirtualHost;
import io.nicsim.nic.device.Device;
import io.nicsim.nic.port.DescriptorSink;
import io.nicsim.nic.port.DoorbellLog;
import io.nicsim.nic.port.DoorbellSource;
import io.nicsim.nic.port.InterruptSink;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.DoorbellWriter;
import io.nicsim.nic.record.DoorbellRecord;

import java.util.function.BooleanSupplier;

/**
 * The discrete-event loop of a virtual-time run: the device's engine and the host model's, advanced together to
 * {@code t = min(device.nextEventNanos(), host.nextEventNanos())} (device first, so the host sees what the device did
 * at t; then the doorbells the host rang enter the device at their model times), until nothing is left, the traffic
 * and every packet in flight are done, or the deadline passes.
 */
public final class VirtualLoop {

    /** How many loop turns pass between looks at the stop signal and the drain condition. */
    private static final int CHECK_EVERY_MASK = (1 << 14) - 1;

    private final Device device;
    private final VirtualHost host;
    private final ManualNanoClock clock;
    /** Live traffic: the wall clock in model time, which the model never runs ahead of; null for a schedule. */
    private final NanoClock live;
    private long turns;
    private boolean arrivalsOpen = true;
    /** Model time at which a stop closed the arrivals, or {@code Long.MIN_VALUE}. */
    private long stoppedNanos = Long.MIN_VALUE;

    /**
     * Opens the device's ports on the host model (and, with a journal, on Chronicle queues too).
     *
     * @param journal the run's Chronicle queues, or null for none
     */
    public VirtualLoop(Device device, VirtualHost host, ManualNanoClock clock, DeviceQueues journal) {
        this(device, host, clock, journal, null);
    }

    /** @param live for live traffic, the wall clock in model time (the model waits for it); null for a schedule */
    public VirtualLoop(Device device, VirtualHost host, ManualNanoClock clock, DeviceQueues journal, NanoClock live) {
        this.device = device;
        this.host = host;
        this.clock = clock;
        this.live = live;
        DescriptorSink[] sinks = host.descriptorSinks();
        InterruptSink interrupts = host.interruptSink();
        DoorbellSource doorbells = host.doorbellSource();
        if (journal != null) {
            int rxQueues = sinks.length;
            for (int q = 0; q < rxQueues; q++) {
                sinks[q] = new TeeDescriptors(sinks[q], journal.newDescriptorWriter(clock, rxQueues > 1 ? q : 0));
            }
            interrupts = new TeeInterrupts(interrupts, journal.newInterruptWriter(clock));
            doorbells = new TeeDoorbells(doorbells, journal.newDoorbellWriter(clock));
        }
        device.firmware().open(sinks, interrupts, doorbells,
                journal != null ? journal.newDoorbellLog() : DoorbellLog.NONE);
    }

    /**
     * Runs until the model is quiet, {@code done} says every packet is accounted for, or model time passes
     * {@code deadlineNanos}; once {@code stop} says so the wire takes no more arrivals (what is in flight drains).
     *
     * @return the model time where the traffic was stopped early, or {@code Long.MIN_VALUE} if it was not
     */
    public long run(long deadlineNanos, BooleanSupplier done, BooleanSupplier stop) {
        while (true) {
            long t = Math.min(device.nextEventNanos(arrivalsOpen), host.nextEventNanos());
            if (live != null && t > live.nanoTime()) {
                // live traffic: nothing is due before the wall clock's now; wait for it and for datagrams
                long now = live.nanoTime();
                if (now > deadlineNanos || (stoppedNanos != Long.MIN_VALUE && t == Long.MAX_VALUE)) {
                    return stoppedNanos;
                }
                device.wire().pollLive();
                Thread.onSpinWait();
                if (doneOrStopped(now, done, stop)) {
                    return stoppedNanos;
                }
                continue;
            }
            if (t == Long.MAX_VALUE || t > deadlineNanos) {
                return stoppedNanos;
            }
            clock.setNanos(t);
            device.advanceTo(t, arrivalsOpen);
            host.advanceTo(t); // the doorbells it rings enter the device at the next step
            if (doneOrStopped(t, done, stop)) {
                return stoppedNanos;
            }
        }
    }

    /**
     * Every {@value #CHECK_EVERY_MASK} + 1 turns: whether every packet is accounted for; a stop closes the arrivals at
     * model time {@code t}.
     */
    private boolean doneOrStopped(long t, BooleanSupplier done, BooleanSupplier stop) {
        if ((++turns & CHECK_EVERY_MASK) != 0) {
            return false;
        }
        if (done.getAsBoolean()) {
            return true;
        }
        if (arrivalsOpen && stop.getAsBoolean()) {
            arrivalsOpen = false;
            stoppedNanos = t;
        }
        return false;
    }

    /** @return loop turns taken */
    public long turns() {
        return turns;
    }

    /** Model time now. */
    public long nowNanos() {
        return clock.nanoTime();
    }

    /** Closes the journal's port, then the host's whatever happened. */
    private static void closeBoth(Runnable journal, Runnable host) {
        try {
            journal.run();
        } finally {
            host.run();
        }
    }

    private record TeeDescriptors(DescriptorSink host, DescriptorSink journal) implements DescriptorSink {
        @Override
        public void add(int queue, long packetId, int flow, int frameBytes, int trafficClass, long intendedNanos,
                        long injectedNanos, long detectedNanos, long writtenNanos) {
            journal.add(queue, packetId, flow, frameBytes, trafficClass, intendedNanos, injectedNanos,
                    detectedNanos, writtenNanos);
            host.add(queue, packetId, flow, frameBytes, trafficClass, intendedNanos, injectedNanos, detectedNanos,
                    writtenNanos);
        }

        /** The journal's burst is appended at the loop's clock, the model time of the write-back. */
        @Override
        public void writeBack(long writtenBackNanos) {
            journal.writeBack(writtenBackNanos);
            host.writeBack(writtenBackNanos);
        }

        @Override
        public void close() {
            closeBoth(journal::close, host::close);
        }
    }

    /** Journals each doorbell as the device reads it: at the model time the host rang it (the loop's clock). */
    private record TeeDoorbells(DoorbellSource host, DoorbellWriter journal) implements DoorbellSource {
        @Override
        public DoorbellRecord poll() {
            DoorbellRecord doorbell = host.poll();
            if (doorbell != null) {
                journal.ring(doorbell.queue, doorbell.kind, doorbell.consumedPacketId);
            }
            return doorbell;
        }

        @Override
        public void close() {
            closeBoth(journal::close, host::close);
        }
    }

    private record TeeInterrupts(InterruptSink host, InterruptSink journal) implements InterruptSink {
        @Override
        public void raise(int vector, long sequence, long firstPacketId, long lastPacketId, long raisedNanos) {
            journal.raise(vector, sequence, firstPacketId, lastPacketId, raisedNanos);
            host.raise(vector, sequence, firstPacketId, lastPacketId, raisedNanos);
        }

        @Override
        public void close() {
            closeBoth(journal::close, host::close);
        }
    }
}
