package io.nicsim.bench.run.calibrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nicsim.bench.run.virtual.HostModelFiles;
import io.nicsim.host.Consumers;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes a calibrated host model as YAML in the format {@link HostModelFiles} reads, with comments saying where
 * each figure comes from, and a {@code measured} section the loader leaves alone: the machine, each probe's figures,
 * and the measured deliver and wake distributions as HdrHistogram encodings (V2 compressed, base64; decode with
 * {@code Histogram.decodeFromCompressedByteBuffer}).
 */
public final class HostModelWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HostModelWriter() {
    }

    /** @return the file's text */
    public static String yaml(HostModelFit.Model model) {
        Machine machine = model.machine();
        StringBuilder out = new StringBuilder();
        out.append("# nicsim host model for virtual time (run.clock: virtual), calibrated by `nicsim calibrate` on ")
                .append("this machine.\n");
        out.append("#   machine: ").append(machine.describe()).append('\n');
        out.append("#   JDK: ").append(machine.jdk()).append(" (java.vm.version); date: ").append(machine.date())
                .append('\n');
        out.append("#   command: ").append(machine.command()).append('\n');
        out.append("#   probes: ").append(model.plan()).append('\n');
        out.append("""
                # Measured: deliverNanos (the deliver stage of every probe at the lowest rate, merged); each kind's
                # wakeNanos (its wake-ups at the lowest rate, each counted once; busy-poll, which never sleeps: its
                # hold stage, the descriptor's way to the spinning poller), stalls left out (see below);
                # perPacketNanos and perPollNanos, fitted to the CPU per packet c and wake-ups per packet w at two
                # rates on the model's line c = perPacketNanos + w x (contextSwitchNanos + perPollNanos) (each kind's
                # comment says how).
                # timerSlackNanos and each kind's timedWaitNanos: timed waits of 50 us on a platform thread, a
                # virtual thread and an event loop (how late they end, their CPU).
                # Assumed, copied from the built-in model: irqNanos, contextSwitchNanos, emptyPollNanos, the shapes'
                # handoffNanos, and any kind that was not probed.
                # Stalls: a delivery or wake-up longer than %d ns is the host stalling (a thread losing its core, the
                # VM its CPU), a process in time, not a cost of every wake-up; the model leaves them out, and each
                # kind's comment gives their rate (expect paced p99 and above to show them, virtual ones not).
                # Times in nanoseconds. A distribution is {min, pNN..., max} (inverse CDF, linear between points) or
                # one number. Use it: --set run.clock=virtual --set run.hostModel=THIS_FILE
                """.formatted(HostModelFit.STALL_ABOVE_NANOS));
        out.append("version: ").append(HostModelFiles.VERSION).append('\n');
        out.append("source: ").append(quote("calibrated: " + machine.describe() + ", JDK " + machine.jdk() + ", "
                + machine.date() + " (" + machine.command() + ")")).append('\n');
        out.append("cores: ").append(machine.cores()).append('\n');
        out.append("deliverNanos: ").append(model.deliver().yaml()).append('\n');
        for (String key : new String[] {"irqNanos", "contextSwitchNanos", "timerSlackNanos", "emptyPollNanos"}) {
            if (key.equals("timerSlackNanos") && model.timerSlack() != null) {
                out.append(key).append(": ").append(model.timerSlack().yaml()).append("   # measured: a platform"
                        + " thread's timed waits, late by this plus a wake-up\n");
                continue;
            }
            out.append(key).append(": ").append(flow(model.builtIn().get(key))).append("   # assumed (built-in)\n");
        }
        out.append("consumers:\n");
        for (String name : Consumers.NAMES) {
            HostModelFit.Kind kind = model.kinds().get(name);
            if (kind != null) {
                out.append("  ").append(name).append(":   # ").append(kind.fit()).append(String.format(Locale.ROOT,
                        "; stalls %.1f/s", kind.stallsPerSecond())).append('\n');
                out.append("    wakeNanos: ").append(kind.wake().yaml()).append('\n');
                out.append("    perPacketNanos: ").append(kind.perPacketNanos()).append('\n');
                out.append("    perPollNanos: ").append(kind.perPollNanos()).append('\n');
                out.append("    handoffNanos: ").append(kind.handoffNanos()).append(kind.handoffNanos() > 0
                        ? "   # assumed (built-in)\n" : "\n");
                out.append("    timedWaitNanos: ").append(kind.timedWaitNanos()).append(kind.timedWaitFrom().isEmpty()
                        ? "\n" : "   # " + kind.timedWaitFrom() + "\n");
            } else {
                JsonNode assumed = model.builtIn().get("consumers").get(name);
                out.append("  ").append(name).append(":   # not probed: the built-in model's figures\n");
                for (Iterator<Map.Entry<String, JsonNode>> it = assumed.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    out.append("    ").append(field.getKey()).append(": ").append(flow(field.getValue()))
                            .append('\n');
                }
            }
        }
        measured(out, model);
        return out.toString();
    }

    private static void measured(StringBuilder out, HostModelFit.Model model) {
        Machine machine = model.machine();
        out.append("# What the probes measured (the loader ignores this section).\n");
        out.append("measured:\n");
        out.append("  machine: ").append(quote(machine.cpu())).append('\n');
        out.append("  cores: ").append(machine.cores()).append('\n');
        out.append("  jdk: ").append(quote(machine.jdk())).append('\n');
        out.append("  date: ").append(quote(machine.date().toString())).append('\n');
        out.append("  command: ").append(quote(machine.command())).append('\n');
        out.append("  probes: ").append(quote(model.plan())).append('\n');
        out.append("  runs:\n");
        for (HostModelFit.Kind kind : model.kinds().values()) {
            for (Probe probe : kind.probes()) {
                StringJoiner row = new StringJoiner(", ", "    - {", "}");
                row.add("consumer: " + probe.consumer());
                row.add(String.format(Locale.ROOT, "ratePerSecond: %.0f", probe.ratePerSecond()));
                row.add("packets: " + probe.packets());
                row.add("deliverP50: " + p(probe.deliver(), 50));
                row.add("wakeP50: " + p(probe.wake(), 50));
                row.add("wakeP99: " + p(probe.wake(), 99));
                row.add("holdP50: " + p(probe.hold(), 50));
                row.add("wakeUps: " + probe.wakeUps().getTotalCount());
                row.add("wakeUpP50: " + p(probe.wakeUps(), 50));
                row.add("wakeUpP99: " + p(probe.wakeUps(), 99));
                row.add("handleP50: " + p(probe.handle(), 50));
                row.add("cpuNanosPerPacket: " + number(probe.cpuNanosPerPacket(), "%.0f"));
                row.add("voluntarySwitchesPerPacket: " + number(probe.voluntarySwitchesPerPacket(), "%.3f"));
                row.add("involuntarySwitchesPerPacket: " + number(probe.involuntarySwitchesPerPacket(), "%.3f"));
                out.append(row).append('\n');
            }
        }
        TimedWaits waits = model.timedWaits();
        if (waits != null) {
            out.append("  timedWaits:   # ").append(TimedWaits.WAITS).append(" waits of ").append(TimedWaits.WAIT_NANOS)
                    .append(" ns each\n");
            for (TimedWaits.Wait wait : List.of(waits.platform(), waits.virtual(), waits.loop())) {
                out.append("    - {threads: ").append(quote(wait.threads())).append(", lateP50: ")
                        .append(p(wait.lateness(), 50)).append(", lateP99: ").append(p(wait.lateness(), 99))
                        .append(", cpuNanosPerWait: ").append(number(wait.cpuNanosPerWait(), "%.0f")).append("}\n");
            }
        }
        out.append("  histograms:   # HdrHistogram V2 compressed, base64, values in ns\n");
        out.append("    deliverNanos: ").append(quote(encode(model.deliverHistogram()))).append('\n');
        out.append("    wakeNanos:\n");
        for (HostModelFit.Kind kind : model.kinds().values()) {
            out.append("      ").append(kind.consumer()).append(": ").append(quote(encode(kind.wakeHistogram())))
                    .append('\n');
        }
    }

    /** @return the histogram as base64 of its V2 compressed encoding */
    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /** @return the histogram {@link #encode} wrote */
    public static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalArgumentException("not an HdrHistogram encoding: " + e.getMessage(), e);
        }
    }

    private static long p(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    private static String number(double value, String format) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "null";
    }

    /** @return a scalar, or a mapping in flow style ({@code {min: 0, p50: 50000, max: 52000}}) */
    private static String flow(JsonNode node) {
        if (!node.isObject()) {
            return node.asText();
        }
        StringJoiner joined = new StringJoiner(", ", "{", "}");
        node.fields().forEachRemaining(field -> joined.add(field.getKey() + ": " + field.getValue().asText()));
        return joined.toString();
    }

    /** @return a double-quoted YAML scalar (JSON's string syntax, which YAML reads) */
    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
