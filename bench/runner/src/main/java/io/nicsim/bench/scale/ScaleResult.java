package io.nicsim.bench.scale;

/**
 * One point of the scale study, as the probe process reports it and scale.json records it.
 *
 * @param consumer                  consumer kind
 * @param requested                 waiting consumers asked for
 * @param reached                   waiting consumers created
 * @param stopReason                why creation stopped early (null if it did not)
 * @param residentBytesPerConsumer  growth of the process's resident memory (VmRSS) per waiting consumer
 * @param heapBytesPerConsumer      growth of the Java heap in use (after GC) per waiting consumer
 * @param wakeups                   how many consumers were woken, one at a time, to measure wake-up latency
 * @param wakeP50Nanos              median time from wake-up call to the consumer running
 * @param wakeP99Nanos              99th percentile of it
 * @param wakeMaxNanos              its maximum
 * @param createMillis              time to create all the waiters
 * @param error                     set when the probe itself failed (then the figures are absent)
 */
public record ScaleResult(String consumer, int requested, int reached, String stopReason,
                          long residentBytesPerConsumer, long heapBytesPerConsumer, int wakeups, long wakeP50Nanos,
                          long wakeP99Nanos, long wakeMaxNanos, long createMillis, String error) {

    static ScaleResult failed(String consumer, int requested, String error) {
        return new ScaleResult(consumer, requested, 0, null, -1, -1, 0, -1, -1, -1, -1, error);
    }
}
