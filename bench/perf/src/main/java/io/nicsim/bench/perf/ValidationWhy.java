package io.nicsim.bench.perf;

import io.nicsim.bench.perf.ValidationBenchmark.Figures;
import io.nicsim.bench.perf.ValidationBenchmark.ModelFacts;
import io.nicsim.bench.perf.ValidationBenchmark.ModelKind;
import io.nicsim.bench.perf.ValidationBenchmark.Pair;
import io.nicsim.bench.perf.ValidationBenchmark.Result;
import io.nicsim.bench.perf.ValidationReport.Check;
import io.nicsim.bench.perf.ValidationReport.Metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why a virtual run missed a target: sentences made by rules over the measured numbers and the host model's figures
 * (never figures written here), and a fixed paragraph on what the model leaves out (docs/semantics.md).
 */
final class ValidationWhy {

    /** Spreads (p90 / p50) that differ by more than this factor count as a different tail. */
    static final double SPREAD_FACTOR = 1.15;
    /** Sleeps per packet that differ by more than this fraction count as waking a different number of times. */
    static final double SLEEPS_TOLERANCE = 0.2;
    /** Below this many nanoseconds a latency gap is at the scale of the transport and the measurement. */
    static final long SMALL_GAP_NANOS = 1_000;

    static final String LEFT_OUT = "The host model (docs/semantics.md#virtual-time-the-host-as-a-model) is a"
            + " discrete-event model with a few costs per consumer kind: interrupt delivery, wake-up latency (each a"
            + " distribution), the CPU of an interrupt, a context switch, a poll and a packet, and the timer slack of"
            + " a timed sleep. It leaves out the scheduler beyond fixed home cores (no migration, no time slicing"
            + " between threads sharing a core, no other processes), the priority order of the shapes that serve"
            + " high-priority packets first, caches, GC and JIT, and the simulator's own cost (in a paced run the"
            + " device, the interrupt path and the consumers share this machine's cores). Its numbers come from one"
            + " machine (its `source`); on another machine, or the same one under other load, its medians and"
            + " especially its tails (few of which were measured) are a guess to check, which is what this document"
            + " does.";

    private ValidationWhy() {
    }

    static String markdown(Result r) {
        StringBuilder md = new StringBuilder("## Why the misses\n\n");
        boolean any = false;
        for (Pair pair : r.pairs()) {
            List<Check> misses = ValidationReport.misses(pair);
            if (misses.isEmpty()) {
                continue;
            }
            any = true;
            md.append("### ").append(pair.study().title()).append(pair.point().isEmpty() ? "" : ", " + pair.point())
                    .append(", ").append(pair.consumer()).append("\n\n");
            List<String> missed = new ArrayList<>();
            for (Check check : misses) {
                String unit = check.metric().unit().isEmpty() ? "" : " " + check.metric().unit();
                missed.add(check.metric().label() + " (paced " + check.metric().format(check.paced()) + unit
                        + ", virtual " + check.metric().format(check.virtual()) + unit + ", "
                        + Format.ratio(check.ratio()) + "; target " + check.metric().target() + ")");
            }
            md.append("Missed: ").append(String.join("; ", missed)).append(".\n\n");
            for (String reason : reasons(r.model(), pair, misses)) {
                md.append("- ").append(reason).append('\n');
            }
            md.append('\n');
        }
        if (!any) {
            md.append("Every targeted comparison was met.\n\n");
        }
        md.append("## What the model leaves out\n\n").append(LEFT_OUT).append('\n');
        return md.toString();
    }

    /** @return the reasons the numbers point at, most specific first */
    static List<String> reasons(ModelFacts model, Pair pair, List<Check> misses) {
        List<String> reasons = new ArrayList<>();
        if (pair.otherCores() >= Format.BUSY_NEIGHBOUR_CORES) {
            reasons.add("Other processes used " + Format.cores(pair.otherCores()) + " cores during the paced run: the"
                    + " scheduler gave its threads less CPU and later wake-ups, an effect the model (" + model.cores()
                    + " cores of its own) leaves out; these figures are the load's as much as the model's.");
        }
        boolean p50 = missed(misses, Metric.P50);
        boolean p90 = missed(misses, Metric.P90);
        if (p50 || p90) {
            latency(model, pair, p50, p90, reasons);
        }
        if (missed(misses, Metric.INTERRUPTS)) {
            reasons.add(interrupts(pair));
        }
        if (missed(misses, Metric.CPU)) {
            cpu(model, pair, reasons);
        }
        common(pair, reasons);
        return reasons;
    }

    private static boolean missed(List<Check> misses, Metric metric) {
        return misses.stream().anyMatch(c -> c.metric() == metric);
    }

    private static void latency(ModelFacts model, Pair pair, boolean p50, boolean p90, List<String> reasons) {
        Figures paced = pair.paced();
        Figures virtual = pair.virtual();
        long gap = paced.p50() - virtual.p50();
        ModelKind kind = ValidationReport.kind(model, pair.consumer());
        boolean spins = "busy-poll".equals(pair.consumer());
        if (p50 && Math.abs(gap) < SMALL_GAP_NANOS) {
            reasons.add("The gap at the median is " + us(Math.abs(gap)) + " us: at this scale the paced path's"
                    + " transport (a Chronicle append and its tailer, see docs/benchmarks.md's floor) and the"
                    + " measurement itself weigh, and the model charges neither; the ratio target is strict here.");
        } else if (p50) {
            String where = spins ? "busy-poll neither sleeps nor takes an interrupt, so the gap is in detecting and"
                    + " handling the packet" : kind == null ? "" : "the model's medians for " + pair.consumer()
                    + " are " + us(model.deliverP50()) + " us of interrupt delivery and " + us(kind.wakeP50())
                    + " us of wake-up";
            reasons.add("At the median the real path took " + us(Math.abs(gap)) + " us " + (gap > 0 ? "more" : "less")
                    + " than the model (paced " + us(paced.p50()) + " us, virtual " + us(virtual.p50()) + " us)"
                    + (where.isEmpty() ? "" : "; " + where) + ". Those medians are the calibration's (" + model.source()
                    + "), which measures wake-ups at a low rate, the cores idle between packets; a real wake-up's cost"
                    + " moves with the load (a busy core, or a carrier still spinning, wakes sooner; a core shared"
                    + " with the device later), and the model keeps one distribution per kind.");
        }
        if (virtual.p99() > 0 && paced.p50() > virtual.p99()) {
            reasons.add("The paced median is above the virtual p99: in the paced run packets queued behind each other"
                    + " (the consumer or the device did not keep up with the arrivals on these cores), which no"
                    + " difference in a wake-up's cost explains.");
        }
        if (paced.deviceLagP90() >= SMALL_GAP_NANOS) {
            reasons.add("The paced device itself ran late: p90 of its lag (a descriptor appended after its model"
                    + " time, docs/semantics.md#device-time) was " + us(paced.deviceLagP90()) + " us, the simulator's"
                    + " own cost on these cores, which the model leaves out.");
        }
        double pacedSpread = spread(paced);
        double virtualSpread = spread(virtual);
        if (p90 && Double.isFinite(pacedSpread) && Double.isFinite(virtualSpread)) {
            String wake = kind == null || kind.wakeP50() == 0 ? "" : " (the model's wake-up for " + pair.consumer()
                    + ": p90 " + ratio((double) kind.wakeP90() / kind.wakeP50()) + " its p50, p99 "
                    + ratio((double) kind.wakeP99() / kind.wakeP50()) + ")";
            if (pacedSpread > virtualSpread * SPREAD_FACTOR) {
                reasons.add("A tail the model's distributions do not hold: the paced p90 is " + ratio(pacedSpread)
                        + " its p50, the virtual p90 " + ratio(virtualSpread) + wake + ".");
            } else if (virtualSpread > pacedSpread * SPREAD_FACTOR) {
                reasons.add("The model's tail is wider than this machine's: the virtual p90 is "
                        + ratio(virtualSpread) + " its p50, the paced p90 " + ratio(pacedSpread) + wake + ".");
            } else {
                reasons.add("The shape of the distribution agrees (p90 / p50: paced " + ratio(pacedSpread)
                        + ", virtual " + ratio(virtualSpread) + "): the p90 misses because the whole distribution"
                        + " is shifted, as the median is.");
            }
        }
        if (pair.setting().handlerBlockNanos() > 0 && !spins) {
            reasons.add("Timer slack: each packet's handler waits " + us(pair.setting().handlerBlockNanos())
                    + " us, and a timed sleep ends late by the kernel's timer slack; the model draws that lateness"
                    + (model.timerSlackP50() > 0 ? " with a median of " + us(model.timerSlackP50()) + " us"
                    : " as 0 (its timerSlackNanos)") + ", so any difference between the real and the modelled slack"
                    + " moves every packet's latency (the median gap is " + us(Math.abs(gap)) + " us).");
        }
        if ("coalesce".equals(pair.setting().policy()) && pair.setting().rxUsecs() > 0) {
            reasons.add("The coalescing timer (rx-usecs " + pair.setting().rxUsecs() + ") is the device model's in"
                    + " both runs and holds a packet alike; what differs is the host's part after the interrupt"
                    + " (delivery, wake-up, the poll).");
        }
    }

    private static String interrupts(Pair pair) {
        Figures paced = pair.paced();
        Figures virtual = pair.virtual();
        String perPacket = "paced " + perPacket(paced) + ", virtual " + perPacket(virtual) + " interrupts per"
                + " delivered packet";
        String policy = pair.setting().policy();
        if (policy.startsWith("napi") || "irq-suspend".equals(policy) || "hybrid-poll".equals(policy)) {
            boolean slower = paced.interruptsPerPacket() < virtual.interruptsPerPacket();
            return "With " + policy + " the interrupt stays masked while the driver polls and is re-armed when a poll"
                    + " drains the ring, so the count follows how quickly the host wakes and polls: " + perPacket
                    + ". The real consumer was " + (slower ? "slower than the model: its polls found more packets"
                    + " waiting, so fewer busy periods" : "quicker than the model: its polls drained the ring more"
                    + " often, so more busy periods") + " (p50 paced " + us(paced.p50()) + " us, virtual "
                    + us(virtual.p50()) + " us).";
        }
        String counts = paced.generated() != virtual.generated() ? " The runs generated " + paced.generated()
                + " and " + virtual.generated() + " packets: the paced traffic window differed." : "";
        return "With " + policy + " the device alone decides when to interrupt, on model time in both runs, from the"
                + " same schedule: " + perPacket + "." + counts + " A difference points at the paced device running"
                + " behind its schedule (device lag, docs/semantics.md#device-time) or at drops.";
    }

    private static void cpu(ModelFacts model, Pair pair, List<String> reasons) {
        Figures paced = pair.paced();
        Figures virtual = pair.virtual();
        if ("busy-poll".equals(pair.consumer())) {
            double share = virtual.cpuNanosPerPacket() > 0 ? paced.cpuNanosPerPacket() / virtual.cpuNanosPerPacket()
                    : Double.NaN;
            reasons.add("busy-poll's CPU per packet is its spinning core's time divided by the packets. The model"
                    + " counts a whole core; the paced thread used " + String.format(Locale.ROOT, "%.2f", share)
                    + " of that" + (share < 1 ? ": the scheduler gave the rest to the device and interrupt-path"
                    + " threads sharing the cores." : "."));
            return;
        }
        double sp = paced.sleepsPerPacket();
        double sv = virtual.sleepsPerPacket();
        ModelKind kind = ValidationReport.kind(model, pair.consumer());
        if (sp > 0 && sv > 0 && Math.abs(sp / sv - 1) > SLEEPS_TOLERANCE) {
            reasons.add("The consumer slept " + twoDigits(sp) + " times per packet in the paced run and "
                    + twoDigits(sv) + " in the model: the model wakes it " + (sv > sp ? "more" : "less")
                    + " often, and every wake-up costs a switch and a poll, so its CPU per packet is "
                    + (virtual.cpuNanosPerPacket() > paced.cpuNanosPerPacket() ? "higher." : "lower."));
        } else if (sp > 0 && sv > 0) {
            String model2 = kind == null ? "" : " (contextSwitchNanos " + model.contextSwitchNanos()
                    + " + perPollNanos " + kind.perPollNanos() + " per wake-up, perPacketNanos " + kind.perPacketNanos()
                    + " per packet" + (kind.handoffNanos() > 0 ? ", handoffNanos " + kind.handoffNanos() : "") + ")";
            reasons.add("Sleeps per packet agree (paced " + twoDigits(sp) + ", virtual " + twoDigits(sv) + "), so a"
                    + " wake-up costs a different amount: " + us(Math.round(paced.cpuNanosPerPacket() / sp))
                    + " us of CPU per sleep paced, " + us(Math.round(virtual.cpuNanosPerPacket() / sv))
                    + " us modelled" + model2 + ". Those costs were fitted on " + model.source() + ".");
        }
        if (kind != null && kind.handoffNanos() > 0) {
            reasons.add("A shape's CPU is its softirq poll's and every worker's; the model charges "
                    + kind.handoffNanos() + " ns per hand-off and the workers' wake-ups, not a real executor's or"
                    + " event loop's queueing, allocation and bookkeeping.");
        }
    }

    private static void common(Pair pair, List<String> reasons) {
        for (Check check : ValidationReport.misses(pair)) {
            if (check.outcome() == ValidationReport.Outcome.WITHIN_REPEAT) {
                reasons.add("The paced run, played again right after its twin, moved " + check.metric().label()
                        + " by " + Format.ratio(check.repeatRatio()) + " (" + check.metric().format(check.paced())
                        + " then " + check.metric().format(check.paced() * check.repeatRatio()) + "): the virtual "
                        + Format.ratio(check.ratio()) + " is within this machine's own run-to-run variation.");
            }
        }
        if (pair.paced().dropped() != pair.virtual().dropped()) {
            reasons.add("Drops differ: " + pair.paced().dropped() + " packets paced, " + pair.virtual().dropped()
                    + " virtual.");
        }
    }

    private static double spread(Figures f) {
        return f.p50() > 0 ? (double) f.p90() / f.p50() : Double.NaN;
    }

    private static String perPacket(Figures f) {
        return String.format(Locale.ROOT, "%.3f", f.interruptsPerPacket());
    }

    private static String twoDigits(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ratio(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%,.0fx" : "%.1fx", v);
    }

    private static String us(long nanos) {
        return Format.micros(nanos);
    }
}
