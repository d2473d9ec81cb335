package io.nicsim.bench.run.calibrate;

import io.nicsim.host.Consumers;

import com.fasterxml.jackson.databind.JsonNode;
import io.nicsim.host.consumer.BusyPollConsumer;
import io.nicsim.host.consumer.EventLoopConsumer;
import io.nicsim.host.consumer.ParkingConsumer;
import io.nicsim.host.shape.EventLoopsConsumer;
import io.nicsim.host.shape.FlowThreadsConsumer;
import io.nicsim.host.shape.VirtualPerPacketConsumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits a host model to calibration probes, with no timing of its own (fixed inputs give a fixed model).
 *
 * <ul>
 *   <li>{@code deliverNanos}: the deliver stages of every probe at the lowest rate, merged (at a low rate the
 *   interrupt path is idle when an interrupt comes, so the stage is the delivery itself);</li>
 *   <li>each kind's {@code wakeNanos}: its wake-ups at the lowest rate, where nearly every packet finds it asleep,
 *   each counted once (woken - delivered of the first notified packet a wake-up handled: the model draws one per
 *   wake-up, and the per-packet wake stage would count a long one once per packet queued behind it); busy-poll, which
 *   never sleeps: its hold stage (a descriptor's way from the device's write to the spinning poller);</li>
 *   <li>stalls: a delivery or wake-up longer than {@value #STALL_ABOVE_NANOS} ns is the host stalling (the thread
 *   lost its core, the VM its CPU), a process in time, not a cost of each wake-up: drawn per wake-up it would grow
 *   with the wake-up rate. The distributions leave stalls out; each kind counts them per second;</li>
 *   <li>{@code perPacketNanos} and {@code perPollNanos}: the CPU per packet {@code c} and wake-ups per packet
 *   {@code w} (voluntary switches) at two rates, on the model's line {@code c = perPacketNanos + w (contextSwitchNanos
 *   + perPollNanos)}: two equations, two unknowns. When the two rates woke about as often (|w1 - w2| &lt; 0.05) or
 *   the line gives a negative figure, {@code perPacketNanos} is the handle stage's median and {@code perPollNanos}
 *   what is left of the higher rate's CPU per wake-up; busy-poll (its CPU is a whole spinning core) keeps the
 *   built-in {@code perPollNanos};</li>
 *   <li>with {@link TimedWaits}: {@code timerSlackNanos}, a platform thread's lateness at the end of a timed wait
 *   less the platform-thread kind's median wake-up (the model adds a wake-up to the slack), stalls left out; each
 *   kind's {@code timedWaitNanos}, the CPU of a timed wait on its kind of thread (busy-poll spins: 0; the epoll
 *   kinds take a platform thread's: their timed sleeps are epoll timeouts on an OS thread, a pinned carrier or their
 *   own);</li>
 *   <li>assumed, from the built-in model: {@code irqNanos}, {@code contextSwitchNanos}, {@code emptyPollNanos}, the
 *   shapes' {@code handoffNanos}, every kind not probed, and without timed waits {@code timerSlackNanos} and
 *   {@code timedWaitNanos} ({@code contextSwitchNanos}).</li>
 * </ul>
 */
public final class HostModelFit {

    /** A delivery or wake-up longer than this is a host stall, left out of the distributions and counted. */
    public static final long STALL_ABOVE_NANOS = 100_000;

    /** Below this difference in wake-ups per packet two rates say nothing about the per-poll cost. */
    static final double MIN_WAKEUP_SPREAD = 0.05;

    /**
     * A fitted kind.
     *
     * @param consumer       the kind
     * @param wake           its wake-up distribution
     * @param perPacketNanos driver CPU per packet
     * @param perPollNanos   driver CPU per poll, besides the context switch
     * @param handoffNanos   shapes: CPU of a hand-off (assumed)
     * @param fit            how the CPU figures were found, in a few words
     * @param wakeHistogram  the measured wake-ups the distribution comes from (stalls included)
     * @param stallsPerSecond wake-ups longer than {@link #STALL_ABOVE_NANOS} per measured second, at the lowest rate
     * @param probes         its probes, lowest rate first
     * @param timedWaitNanos CPU of one timed wait of its threads
     * @param timedWaitFrom  where that figure comes from, in words
     */
    public record Kind(String consumer, Distribution wake, long perPacketNanos, long perPollNanos,
                       long handoffNanos, String fit, Histogram wakeHistogram, double stallsPerSecond,
                       List<Probe> probes, long timedWaitNanos, String timedWaitFrom) {

        Kind withTimedWait(long nanos, String from) {
            return new Kind(consumer, wake, perPacketNanos, perPollNanos, handoffNanos, fit, wakeHistogram,
                    stallsPerSecond, probes, nanos, from);
        }
    }

    /**
     * A calibrated model.
     *
     * @param machine        where and how it was measured
     * @param plan           the probes, in words
     * @param deliver        interrupt delivery distribution
     * @param deliverHistogram the measured deliver stages it comes from
     * @param kinds          the probed kinds, in probe order
     * @param builtIn        the built-in model's file (assumed figures, kinds not probed)
     * @param timerSlack     the timer slack, or null if timed waits were not measured (then the built-in one)
     * @param timedWaits     the timed waits measured, or null
     */
    public record Model(Machine machine, String plan, Distribution deliver, Histogram deliverHistogram,
                        Map<String, Kind> kinds, JsonNode builtIn, Distribution timerSlack, TimedWaits timedWaits) {

        /** @return a top-level number of the built-in model */
        long builtInNanos(String key) {
            return builtIn.get(key).asLong();
        }
    }

    private HostModelFit() {
    }

    /** As {@link #fit(List, TimedWaits, Machine, String, JsonNode)} without timed waits (their figures assumed). */
    public static Model fit(List<Probe> probes, Machine machine, String plan, JsonNode builtIn) {
        return fit(probes, null, machine, plan, builtIn);
    }

    /**
     * @param probes     every probe, any order; each kind needs one (two rates for the CPU fit)
     * @param timedWaits the timed waits measured, or null to assume the built-in figures
     * @param builtIn    the built-in model's file ({@code HostModelFiles.builtInTree()})
     */
    public static Model fit(List<Probe> probes, TimedWaits timedWaits, Machine machine, String plan,
                            JsonNode builtIn) {
        if (probes.isEmpty()) {
            throw new IllegalArgumentException("no probes to fit a host model to");
        }
        double lowest = probes.stream().mapToDouble(Probe::ratePerSecond).min().orElseThrow();
        Histogram deliver = new Histogram(3);
        Map<String, List<Probe>> byKind = new LinkedHashMap<>();
        for (Probe probe : probes) {
            byKind.computeIfAbsent(probe.consumer(), k -> new ArrayList<>()).add(probe);
            if (probe.ratePerSecond() == lowest && Consumers.BASE.contains(probe.consumer())) {
                // the base kinds' interrupt path: a shape's backlog (a pool behind) is no delivery latency
                deliver.add(probe.deliver());
            }
        }
        long contextSwitch = builtIn.get("contextSwitchNanos").asLong();
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (Map.Entry<String, List<Probe>> entry : byKind.entrySet()) {
            List<Probe> sorted = new ArrayList<>(entry.getValue());
            sorted.sort(Comparator.comparingDouble(Probe::ratePerSecond));
            JsonNode assumed = builtIn.get("consumers").get(entry.getKey());
            Kind kind = fitKind(entry.getKey(), sorted, contextSwitch, assumed);
            kinds.put(entry.getKey(), timedWaits == null ? kind.withTimedWait(contextSwitch, "assumed (built-in"
                    + " contextSwitchNanos)") : timedWait(kind, timedWaits));
        }
        Distribution deliverDistribution = deliver.getTotalCount() > 0 ? Distribution.of(withoutStalls(deliver))
                : Distribution.constant(builtIn.get("deliverNanos").path("p50").asLong());
        Distribution slack = null;
        if (timedWaits != null) {
            Kind platform = kinds.get(ParkingConsumer.PLATFORM);
            long wakeMedian = platform != null ? platform.wake().at("p50") : 0;
            slack = Distribution.of(shifted(withoutStalls(timedWaits.platform().lateness()), wakeMedian));
        }
        return new Model(machine, plan, deliverDistribution, deliver, kinds, builtIn, slack, timedWaits);
    }

    /** @return the kind with the CPU of a timed wait on its kind of thread (busy-poll spins through its waits) */
    static Kind timedWait(Kind kind, TimedWaits waits) {
        String name = kind.consumer();
        if (BusyPollConsumer.NAME.equals(name)) {
            return kind.withTimedWait(0, "busy-poll spins through a wait");
        }
        TimedWaits.Wait wait = LOOPS.contains(name) ? waits.loop() : VIRTUAL.contains(name) ? waits.virtual()
                : waits.platform();
        if (!Double.isFinite(wait.cpuNanosPerWait())) {
            return kind.withTimedWait(kind.timedWaitNanos(), "not measured (no /proc)");
        }
        return kind.withTimedWait(Math.round(wait.cpuNanosPerWait()), "measured: CPU of a "
                + TimedWaits.WAIT_NANOS / 1000 + " us timed wait on " + wait.threads());
    }

    /** Kinds whose waits are an event loop's timers. */
    static final java.util.Set<String> LOOPS = java.util.Set.of(EventLoopConsumer.NAME, EventLoopsConsumer.EVENT_LOOPS);
    /** Kinds whose waits park virtual threads. */
    static final java.util.Set<String> VIRTUAL = java.util.Set.of(ParkingConsumer.VIRTUAL, FlowThreadsConsumer.VIRTUAL,
            VirtualPerPacketConsumer.NAME, EventLoopsConsumer.VIRTUAL_VERTICLES);

    /** @return {@code histogram} with every value lowered by {@code nanos}, down to 0 at least */
    static Histogram shifted(Histogram histogram, long nanos) {
        return copy(histogram, Long.MAX_VALUE, nanos);
    }

    static Kind fitKind(String consumer, List<Probe> sorted, long contextSwitch, JsonNode assumed) {
        Probe low = sorted.getFirst();
        Probe high = sorted.getLast();
        long handoff = assumed != null ? assumed.path("handoffNanos").asLong() : 0;
        long assumedPerPoll = assumed != null ? assumed.path("perPollNanos").asLong() : 0;
        boolean busy = BusyPollConsumer.NAME.equals(consumer);
        Histogram waits = busy ? low.hold() : low.wakeUps();
        Histogram kept = withoutStalls(waits);
        Distribution wake = kept.getTotalCount() == 0 ? Distribution.constant(0) : Distribution.of(kept);
        double stallsPerSecond = (waits.getTotalCount() - kept.getTotalCount()) / low.measuredSeconds();
        long handleMedian = high.handle().getTotalCount() > 0 ? high.handle().getValueAtPercentile(50)
                : low.handle().getValueAtPercentile(50);
        if (busy) {
            return new Kind(consumer, wake, handleMedian, assumedPerPoll, handoff,
                    "wakeNanos: hold stage; perPacketNanos: handle p50; perPollNanos: built-in (a spinning core)",
                    waits, stallsPerSecond, sorted, contextSwitch, "");
        }
        CpuFit cpu = cpuFit(sorted, contextSwitch, handleMedian, assumedPerPoll);
        return new Kind(consumer, wake, cpu.perPacketNanos(), cpu.perPollNanos(), handoff, cpu.how(), waits,
                stallsPerSecond, sorted, contextSwitch, "");
    }

    /** A sleeping kind's CPU figures and how they were found, in a few words. */
    private record CpuFit(long perPacketNanos, long perPollNanos, String how) {
    }

    /**
     * @return the two rates' line when it gives usable figures (distinct wake-ups, no negative or tiny parts), else
     *         the handle median and the rest of the higher rate's CPU per wake-up, else the built-in per poll
     */
    private static CpuFit cpuFit(List<Probe> sorted, long contextSwitch, long handleMedian, long assumedPerPoll) {
        Probe low = sorted.getFirst();
        Probe high = sorted.getLast();
        double c1 = low.cpuNanosPerPacket();
        double w1 = low.voluntarySwitchesPerPacket();
        double c2 = high.cpuNanosPerPacket();
        double w2 = high.voluntarySwitchesPerPacket();
        if (sorted.size() > 1 && Double.isFinite(c1 + c2 + w1 + w2) && Math.abs(w1 - w2) >= MIN_WAKEUP_SPREAD) {
            double perWakeup = (c1 - c2) / (w1 - w2);
            double perPacket = c1 - w1 * perWakeup;
            double perPoll = perWakeup - contextSwitch;
            // a fit that charges a packet less than half its handle stage is noise the two rates did not overcome
            if (perPacket >= handleMedian / 2.0 && perPoll >= 0) {
                return new CpuFit(Math.round(perPacket), Math.round(perPoll), String.format(Locale.ROOT,
                        "two rates: cpu %.0f/%.0f ns at %.2f/%.2f wake-ups per packet", c1, c2, w1, w2));
            }
        }
        if (Double.isFinite(c2) && Double.isFinite(w2) && w2 > 0.01) {
            return new CpuFit(handleMedian, Math.max(0, Math.round((c2 - handleMedian) / w2 - contextSwitch)),
                    String.format(Locale.ROOT, "perPacketNanos: handle p50; perPollNanos: the rest of %.0f ns per"
                            + " packet over %.2f wake-ups", c2, w2));
        }
        return new CpuFit(handleMedian, assumedPerPoll,
                "perPacketNanos: handle p50; perPollNanos: built-in (no wake-ups measured)");
    }

    /** @return the values of {@code histogram} up to {@link #STALL_ABOVE_NANOS} */
    static Histogram withoutStalls(Histogram histogram) {
        return copy(histogram, STALL_ABOVE_NANOS, 0);
    }

    /** @return the values of {@code histogram} up to {@code maxNanos}, each lowered by {@code minusNanos} (>= 0) */
    private static Histogram copy(Histogram histogram, long maxNanos, long minusNanos) {
        Histogram copy = new Histogram(histogram.getNumberOfSignificantValueDigits());
        for (HistogramIterationValue value : histogram.recordedValues()) {
            if (value.getValueIteratedTo() <= maxNanos) {
                copy.recordValueWithCount(Math.max(0, value.getValueIteratedTo() - minusNanos),
                        value.getCountAtValueIteratedTo());
            }
        }
        return copy;
    }
}
