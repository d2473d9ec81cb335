package io.nicsim.host.cost;

import java.util.List;

/**
 * The carriers of a consumer on virtual threads over the measured window: the virtual-thread scheduler's
 * parallelism (carriers it keeps busy at most), the carrier threads seen, and how many of them the consumer's
 * blocking calls pinned (a virtual thread in a native call, {@code epoll_wait} through FFM, cannot unmount: its
 * carrier blocks with it and the scheduler does not replace it).
 *
 * @param parallelism    the scheduler's parallelism ({@code jdk.virtualThreadScheduler.parallelism}, by default the
 *                       available processors)
 * @param carrierThreads carrier threads alive at the window's end ({@code ForkJoinPool-*-worker-*})
 * @param peakPinned     the most carriers the consumer's waits pinned at once (0: its waits unmount)
 * @param meanPinned     carriers pinned on average over the window (time pinned / window time)
 * @param how            how it was measured, in a few words
 */
public record CarrierCosts(int parallelism, int carrierThreads, int peakPinned, double meanPinned, String how) {

    /** The scheduler's parallelism as the JDK sets it: its system property, else the available processors. */
    public static int schedulerParallelism() {
        String value = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        try {
            return value == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** @return one run's rounds as one window: the largest counts, the pinned mean weighted by {@code packets} */
    public static CarrierCosts pooled(List<CarrierCosts> rounds, List<Long> packets) {
        CarrierCosts first = null;
        int threads = 0;
        int peak = 0;
        double mean = 0;
        double weights = 0;
        for (int r = 0; r < rounds.size(); r++) {
            CarrierCosts round = rounds.get(r);
            if (round == null) {
                continue;
            }
            first = first == null ? round : first;
            threads = Math.max(threads, round.carrierThreads);
            peak = Math.max(peak, round.peakPinned);
            double weight = Math.max(1, packets.get(r));
            mean += round.meanPinned * weight;
            weights += weight;
        }
        return first == null ? null : new CarrierCosts(first.parallelism, threads, peak, mean / weights, first.how);
    }

    /** @return e.g. "at most 1 of 2 carriers pinned (0.98 on average); 2 carrier threads alive at the end" */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "at most %d of %d carriers pinned (%.2f on average); %d carrier"
                + " thread%s alive at the end", peakPinned, parallelism, meanPinned, carrierThreads,
                carrierThreads == 1 ? "" : "s");
    }
}
