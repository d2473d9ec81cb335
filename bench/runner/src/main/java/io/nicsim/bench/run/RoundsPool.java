package io.nicsim.bench.run;

import io.nicsim.bench.results.HandlerReport;
import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.PlatformJitter;
import io.nicsim.bench.results.Rounds;
import io.nicsim.bench.results.RunResult;
import io.nicsim.host.cost.RunCosts;
import io.nicsim.host.measure.LatencyRecorder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run's rounds as one result: counts summed (each round balanced, so the sum is), latencies from the rounds'
 * histograms added together, windows and costs pooled, and each round's own figures with the median over rounds.
 */
final class RoundsPool {

    private RoundsPool() {
    }

    /**
     * @param rounds   the run's rounds, in the order played (at least one)
     * @param pooled   their recorders pooled ({@link LatencyRecorder#pooled})
     * @param perRound each round's figures, as {@code rounds}
     * @param jitter   the platform's jitter over the rounds' measured windows pooled, or null if none was probed
     * @param journal  the first round's journal folder (each round's is in its {@link Rounds.Round})
     */
    static RunResult pool(List<RunResult> rounds, LatencyRecorder pooled, List<Rounds.Round> perRound,
                          PlatformJitter jitter, String journal) {
        RunResult first = rounds.getFirst();
        RunResult.Latencies latencies = new RunResult.Latencies(ConsumerRun.latency(pooled),
                ConsumerRun.byClass(pooled), LatencySummary.of(pooled.deviceLag()), jitter);
        List<RunCosts> costs = new ArrayList<>();
        long trafficNanos = 0;
        long warmupNanos = 0;
        long measuredNanos = 0;
        boolean interrupted = false;
        io.nicsim.bench.results.CutShort cutShort = null;
        for (RunResult round : rounds) {
            cutShort = cutShort != null ? cutShort : round.cutShort();
            costs.add(round.costs());
            trafficNanos += round.trafficNanos();
            warmupNanos += round.warmupNanos();
            measuredNanos += round.measuredNanos();
            interrupted |= round.interrupted();
        }
        RunResult.Output output = new RunResult.Output(journal, null, first.output().clock(),
                first.output().hostModel());
        return new RunResult(first.what(), first.setup(), counts(rounds), latencies,
                new RunResult.Window(trafficNanos, warmupNanos, measuredNanos, interrupted, cutShort),
                RunCosts.pooled(costs),
                output, Rounds.of(perRound),
                HandlerReport.pooled(rounds.stream().map(RunResult::handler).toList()));
    }

    /** The rounds' counts summed, drop reasons and RX queues by key. */
    static RunResult.Counts counts(List<RunResult> rounds) {
        long generated = 0;
        long delivered = 0;
        long dropped = 0;
        long measured = 0;
        long interrupts = 0;
        long interruptsDelivered = 0;
        long doorbells = 0;
        Map<String, Long> reasons = new LinkedHashMap<>();
        Map<Integer, long[]> queues = new TreeMap<>();
        for (RunResult round : rounds) {
            RunResult.PacketCounts packets = round.packets();
            generated += packets.generated();
            delivered += packets.delivered();
            dropped += packets.dropped();
            measured += packets.measured();
            packets.dropReasons().forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
            interrupts += round.interrupts();
            interruptsDelivered += round.interruptsDelivered();
            doorbells += round.doorbells();
            for (RunResult.QueueCounts queue : round.perQueue()) {
                long[] sum = queues.computeIfAbsent(queue.queue(), q -> new long[3]);
                sum[0] += queue.packets();
                sum[1] += queue.ringFull();
                sum[2] += queue.interrupts();
            }
        }
        List<RunResult.QueueCounts> perQueue = new ArrayList<>();
        queues.forEach((queue, sum) -> perQueue.add(new RunResult.QueueCounts(queue, sum[0], sum[1], sum[2])));
        return new RunResult.Counts(new RunResult.PacketCounts(generated, delivered, dropped, reasons, measured),
                interrupts, interruptsDelivered, doorbells, perQueue);
    }
}
