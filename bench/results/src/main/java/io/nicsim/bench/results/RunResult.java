package io.nicsim.bench.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.nicsim.host.cost.RunCosts;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One consumer's run, as summary.json writes it, in groups by meaning: what ran, how it was set up, what it counted,
 * its latencies, its time window, its costs, its files. summary.json keeps one flat object per run (each group's keys
 * unwrapped into it): a contract other tools read, extended, never renamed.
 *
 * @param what      what ran: consumer, label, policy and its driver half, priority
 * @param setup     the parameters it ran with: firmware, traffic, NIC, thread placement
 * @param counts    packets (generated = delivered + dropped), interrupts, doorbells, per RX queue
 * @param latencies notification latency (corrected, uncorrected, stages) and per traffic class
 * @param window    traffic time, warm-up and measured time, whether it was stopped early
 * @param costs     what the measured window cost the host per packet: consumer CPU, context switches, scheduling
 *                  delay, process CPU, GC, memory per waiter (null where not measured)
 * @param output    the run's Chronicle journal and files
 * @param rounds    a run played in rounds: each round's figures and the median over rounds with its range (the other
 *                  groups then hold the rounds pooled); null for a run played once
 * @param handler   what a user's handler ({@code host.handler}) failed or held at the end; null for the built-in work
 *                  model
 */
@JsonDeserialize(using = RunResult.Reader.class)
public record RunResult(@JsonUnwrapped What what, @JsonUnwrapped Setup setup, @JsonUnwrapped Counts counts,
                        @JsonUnwrapped Latencies latencies, @JsonUnwrapped Window window, RunCosts costs,
                        @JsonUnwrapped Output output, @JsonInclude(JsonInclude.Include.NON_NULL) Rounds rounds,
                        @JsonInclude(JsonInclude.Include.NON_NULL) HandlerReport handler) {

    /** A run played once. */
    public RunResult(What what, Setup setup, Counts counts, Latencies latencies, Window window, RunCosts costs,
                     Output output) {
        this(what, setup, counts, latencies, window, costs, output, null, null);
    }

    /** A run with the built-in work model. */
    public RunResult(What what, Setup setup, Counts counts, Latencies latencies, Window window, RunCosts costs,
                     Output output, Rounds rounds) {
        this(what, setup, counts, latencies, window, costs, output, rounds, null);
    }

    /**
     * @param consumer consumer name
     * @param label    the run's name in tables and charts: the consumer, or what a comparison varies
     *                 ({@code coalesce}, {@code coalesce/virtual-thread})
     * @param policy   firmware policy name
     * @param driver   the driver half of the policy (what the host does after each poll)
     * @param priority whether and how the consumer serves high-priority packets first
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record What(String consumer, String label, String policy, String driver, String priority) {
    }

    /**
     * @param firmware  the policy's parameters
     * @param traffic   traffic kind, rate and the source's parameters
     * @param nic       the device's parameters: RX queues, ring slots, link and DMA times
     * @param placement which thread ran which agent and how it waited
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Setup(Map<String, Object> firmware, Map<String, Object> traffic, Map<String, Object> nic,
                        PlacementReport placement) {
    }

    /**
     * @param packets             accounting: generated == delivered + dropped ({@link PacketFate})
     * @param interrupts          interrupts the device raised
     * @param interruptsDelivered interrupts the host's interrupt path read
     * @param doorbells           doorbells (re-arm, disarm) the device read from the host
     * @param perQueue            what each RX queue carried
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Counts(PacketCounts packets, long interrupts, long interruptsDelivered, long doorbells,
                         List<QueueCounts> perQueue) {
    }

    /**
     * @param latencyNanos   notification latency, corrected and uncorrected, and the stages
     * @param byClass        notification latency per traffic class ({@code high}, {@code low}); a class no measured
     *                       packet had is left out
     * @param deviceLagNanos how late the simulated device was: per packet, when its descriptor was actually appended
     *                       minus its model write-back time (docs/semantics.md#device-time); null in older summaries
     * @param platformJitter paced runs: how much the platform stalled a probe thread over the measured window
     *                       ({@code JitterMonitor}); absent in virtual runs and older summaries
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Latencies(Latency latencyNanos, Map<String, LatencySummary> byClass,
                            LatencySummary deviceLagNanos,
                            @JsonInclude(JsonInclude.Include.NON_NULL) PlatformJitter platformJitter) {

        /** Latencies without a platform jitter probe (virtual runs, the two-process host). */
        public Latencies(Latency latencyNanos, Map<String, LatencySummary> byClass, LatencySummary deviceLagNanos) {
            this(latencyNanos, byClass, deviceLagNanos, null);
        }
    }

    /**
     * @param trafficNanos  how long the traffic played, warm-up included
     * @param warmupNanos   traffic time before the measured window
     * @param measuredNanos traffic time recorded (warm-up excluded; shorter if the run was interrupted)
     * @param interrupted   whether the traffic was stopped early (Ctrl-C, or a filesystem nearly full); its
     *                      accounting still balances
     * @param cutShort      why nicsim stopped this run's traffic itself (a filesystem below its free-space floor);
     *                      absent otherwise
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Window(long trafficNanos, long warmupNanos, long measuredNanos, boolean interrupted,
                         @JsonInclude(JsonInclude.Include.NON_NULL) CutShort cutShort) {

        /** A window that nicsim did not cut short. */
        public Window(long trafficNanos, long warmupNanos, long measuredNanos, boolean interrupted) {
            this(trafficNanos, warmupNanos, measuredNanos, interrupted, null);
        }
    }

    /**
     * @param journal   the folder holding this run's Chronicle queues (descriptors, interrupts); null if none was
     *                  kept ({@code run.keepJournal}: sweep and tune points, virtual runs, {@code never})
     * @param files     this run's files, relative to the run folder: {@code hgrm}, {@code hlog}, {@code packets}
     *                  (with --export-packets); null before they are written
     * @param clock     {@code paced} (hardware in the loop) or {@code virtual} (a host model in model time)
     * @param hostModel virtual runs: the host model used, its file or {@code built-in: <where it was measured>}
     * @param journalKept whether the run folder keeps this run's journal ({@code nicsim inspect} reads it); null in
     *                  summaries written before nicsim said so
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Output(String journal, Map<String, String> files, String clock,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String hostModel, Boolean journalKept) {

        /** An output whose journal was kept exactly when it names one. */
        public Output(String journal, Map<String, String> files, String clock, String hostModel) {
            this(journal, files, clock, hostModel, journal != null);
        }

        /** A paced run's output. */
        public Output(String journal, Map<String, String> files) {
            this(journal, files, "paced", null);
        }
    }

    /**
     * @param queue      RX queue
     * @param packets    descriptors written into its ring
     * @param ringFull   packets dropped because its ring was full
     * @param interrupts interrupts raised on its vector
     */
    public record QueueCounts(int queue, long packets, long ringFull, long interrupts) {
    }

    /**
     * @param generated   packets whose arrival time came during the run
     * @param delivered   packets a consumer handled
     * @param dropped     packets lost, all reasons
     * @param dropReasons dropped packets by {@link DropReason#key()}
     * @param measured    delivered packets recorded in the histograms (after the warm-up)
     */
    public record PacketCounts(long generated, long delivered, long dropped, Map<String, Long> dropReasons,
                               long measured) {
    }

    /**
     * @param notification            woken - intended arrival (coordinated-omission safe)
     * @param notificationUncorrected woken - actual injection
     * @param stages                  handled - injected split into detect, dma, hold, deliver, wake, handle
     */
    public record Latency(LatencySummary notification, LatencySummary notificationUncorrected,
                          Map<String, LatencySummary> stages) {
    }

    /** @return the label, or the consumer for summaries written before labels existed */
    @JsonIgnore
    public String name() {
        return what.label() != null ? what.label() : what.consumer();
    }

    /**
     * @param figure {@code p50}, {@code p90}, {@code p99}, {@code p999} or {@code max}
     * @return that figure of notification latency as tables and charts show it: the median over the run's rounds,
     *         or its one run's
     */
    public long notificationFigure(String figure) {
        if (rounds != null) {
            return rounds.spread(figure).median();
        }
        LatencySummary n = latencies.latencyNanos().notification();
        return switch (figure) {
            case "p50" -> n.p50();
            case "p90" -> n.p90();
            case "p99" -> n.p99();
            case "p999" -> n.p999();
            case "max" -> n.max();
            default -> throw new IllegalArgumentException("no figure " + figure);
        };
    }

    /** @return interrupts raised per second of traffic, or 0 if no traffic time is known */
    @JsonIgnore
    public double interruptsPerSecond() {
        long nanos = window.trafficNanos() > 0 ? window.trafficNanos() : window.measuredNanos() + window.warmupNanos();
        return nanos > 0 ? counts.interrupts() * 1e9 / nanos : 0;
    }

    /** @return this result with its costs replaced (e.g. completed with memory per waiting consumer) */
    public RunResult withCosts(RunCosts newCosts) {
        return new RunResult(what, setup, counts, latencies, window, newCosts, output, rounds, handler);
    }

    /** @return this result with its rounds' figures */
    public RunResult withRounds(Rounds played) {
        return new RunResult(what, setup, counts, latencies, window, costs, output, played, handler);
    }

    /** @return this result with its files listed */
    public RunResult withFiles(Map<String, String> runFiles) {
        return new RunResult(what, setup, counts, latencies, window, costs,
                new Output(output.journal(), runFiles, output.clock(), output.hostModel(), output.journalKept()),
                rounds, handler);
    }

    /** @return this result with what its user's handler failed or held (null: the built-in model) */
    public RunResult withHandler(HandlerReport report) {
        return new RunResult(what, setup, counts, latencies, window, costs, output, rounds, report);
    }

    // The flat names the tables, reports and tune read; summary.json holds them through the groups above.

    @JsonIgnore
    public String consumer() {
        return what.consumer();
    }

    @JsonIgnore
    public String label() {
        return what.label();
    }

    @JsonIgnore
    public String policy() {
        return what.policy();
    }

    @JsonIgnore
    public String driver() {
        return what.driver();
    }

    @JsonIgnore
    public String priority() {
        return what.priority();
    }

    @JsonIgnore
    public Map<String, Object> firmware() {
        return setup.firmware();
    }

    @JsonIgnore
    public Map<String, Object> traffic() {
        return setup.traffic();
    }

    @JsonIgnore
    public Map<String, Object> nic() {
        return setup.nic();
    }

    @JsonIgnore
    public PlacementReport placement() {
        return setup.placement();
    }

    @JsonIgnore
    public PacketCounts packets() {
        return counts.packets();
    }

    @JsonIgnore
    public long interrupts() {
        return counts.interrupts();
    }

    @JsonIgnore
    public long interruptsDelivered() {
        return counts.interruptsDelivered();
    }

    @JsonIgnore
    public long doorbells() {
        return counts.doorbells();
    }

    @JsonIgnore
    public List<QueueCounts> perQueue() {
        return counts.perQueue();
    }

    @JsonIgnore
    public Latency latencyNanos() {
        return latencies.latencyNanos();
    }

    @JsonIgnore
    public Map<String, LatencySummary> byClass() {
        return latencies.byClass();
    }

    @JsonIgnore
    public PlatformJitter platformJitter() {
        return latencies.platformJitter();
    }

    public LatencySummary deviceLagNanos() {
        return latencies.deviceLagNanos();
    }

    @JsonIgnore
    public long trafficNanos() {
        return window.trafficNanos();
    }

    @JsonIgnore
    public long warmupNanos() {
        return window.warmupNanos();
    }

    @JsonIgnore
    public long measuredNanos() {
        return window.measuredNanos();
    }

    @JsonIgnore
    public boolean interrupted() {
        return window.interrupted();
    }

    /** @return why nicsim stopped this run's traffic itself, or null */
    @JsonIgnore
    public CutShort cutShort() {
        return window.cutShort();
    }

    @JsonIgnore
    public String journal() {
        return output.journal();
    }

    @JsonIgnore
    public Map<String, String> files() {
        return output.files();
    }

    /** Reads a run's flat object of summary.json back into its groups (each group takes the keys it knows). */
    static final class Reader extends StdDeserializer<RunResult> {

        Reader() {
            super(RunResult.class);
        }

        @Override
        public RunResult deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = context.readTree(parser);
            JsonNode costs = node.get("costs");
            JsonNode rounds = node.get("rounds");
            JsonNode handler = node.get("handler");
            return new RunResult(context.readTreeAsValue(node, What.class), context.readTreeAsValue(node, Setup.class),
                    context.readTreeAsValue(node, Counts.class), context.readTreeAsValue(node, Latencies.class),
                    context.readTreeAsValue(node, Window.class),
                    costs == null || costs.isNull() ? null : context.readTreeAsValue(costs, RunCosts.class),
                    context.readTreeAsValue(node, Output.class),
                    rounds == null || rounds.isNull() ? null : context.readTreeAsValue(rounds, Rounds.class),
                    handler == null || handler.isNull() ? null : context.readTreeAsValue(handler, HandlerReport.class));
        }
    }
}
