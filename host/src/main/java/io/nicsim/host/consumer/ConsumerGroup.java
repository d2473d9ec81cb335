package io.nicsim.host.consumer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The consumers of a run taken together: one per RX queue for the base consumers, one for all queues for a shape
 * that hands packets over. Starts and stops each once, and describes them for the placement and cost records.
 */
public final class ConsumerGroup {

    private final Consumer[] consumers;
    private final int rxQueues;

    /** @param byQueue the consumer serving each RX queue */
    public ConsumerGroup(Consumer[] byQueue) {
        this.consumers = Arrays.stream(byQueue).distinct().toArray(Consumer[]::new);
        this.rxQueues = byQueue.length;
    }

    /** Starts every consumer; if one fails to start, stops those started and rethrows. */
    public void start() throws Exception {
        start(Consumer.NO_TASK);
    }

    /**
     * Starts every consumer as {@link #start()} does; {@code onOwnThread} runs first on the group's thread if it has
     * one of its own ({@link #whyNoOwnThread()} null), else never.
     */
    public void start(Runnable onOwnThread) throws Exception {
        Runnable first = consumers.length == 1 ? onOwnThread : Consumer.NO_TASK;
        List<Consumer> started = new ArrayList<>();
        try {
            for (Consumer consumer : consumers) {
                consumer.start(first);
                started.add(consumer);
            }
        } catch (Exception | Error e) {
            for (Consumer consumer : started) {
                try {
                    consumer.stop();
                } catch (Exception stopFailure) {
                    e.addSuppressed(stopFailure);
                }
            }
            throw e;
        }
    }

    /** Stops every consumer; the first failure is rethrown once all were stopped. */
    public void stop() throws Exception {
        Exception first = null;
        for (Consumer consumer : consumers) {
            try {
                consumer.stop();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    public String threadName() {
        return consumers[0].threadName();
    }

    /** @return why the group has no one platform thread of its own, or null if it has (one consumer that has) */
    public String whyNoOwnThread() {
        return consumers.length > 1 ? "a thread per RX queue (" + consumers.length + ")"
                : consumers[0].whyNoOwnThread();
    }

    /** @return how they wait, and over how many RX queues when more than one */
    public String waitsBy() {
        String waitsBy = consumers[0].waitsBy();
        if (rxQueues == 1) {
            return waitsBy;
        }
        return consumers.length == 1 ? waitsBy + ", serving " + rxQueues + " RX queues"
                : waitsBy + ", one per RX queue (" + rxQueues + ")";
    }

    public List<String> costThreadPrefixes() {
        LinkedHashSet<String> prefixes = new LinkedHashSet<>();
        for (Consumer consumer : consumers) {
            prefixes.addAll(consumer.costThreadPrefixes());
        }
        return List.copyOf(prefixes);
    }

    /** @return the calls the consumers count themselves, summed; null if none counts (see Consumer#kernelCalls) */
    public io.nicsim.host.cost.KernelCalls kernelCalls() {
        io.nicsim.host.cost.KernelCalls sum = null;
        for (Consumer consumer : consumers) {
            io.nicsim.host.cost.KernelCalls calls = consumer.kernelCalls();
            if (calls != null) {
                sum = sum == null ? calls : sum.plus(calls);
            }
        }
        return sum;
    }

    /** @return whether the consumers run on virtual threads (their carriers are then reported) */
    public boolean onCarriers() {
        return costThreadPrefixes().contains("ForkJoinPool-");
    }

    public String priority() {
        return consumers[0].priority();
    }
}
