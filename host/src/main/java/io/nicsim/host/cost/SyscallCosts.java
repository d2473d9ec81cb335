package io.nicsim.host.cost;

import java.util.List;

/**
 * The system calls a consumer's way of waiting cost per delivered packet over the measured window: its threads'
 * blocking waits, their read and write calls, and the calls the interrupt path made to wake them. Each figure says
 * whether it is exact (counted by the consumer itself, or kept by the kernel per thread) or estimated (inferred from
 * context switches), and how it was measured.
 *
 * @param perPacket the figures' sum, per packet (of the figures measured)
 * @param exact     whether every figure is exact
 * @param figures   each kind of call
 */
public record SyscallCosts(double perPacket, boolean exact, List<Figure> figures) {

    /** {@link Figure#calls()}: blocking waits of the consumer's threads. */
    public static final String WAITS = "waits";
    /** {@link Figure#calls()}: read- and write-family calls of the consumer's threads. */
    public static final String READ_WRITE = "reads+writes";
    /** {@link Figure#calls()}: calls the interrupt path made to wake the consumer. */
    public static final String WAKES = "wake-ups";

    public SyscallCosts {
        figures = List.copyOf(figures);
    }

    /**
     * One kind of call.
     *
     * @param calls     {@link #WAITS}, {@link #READ_WRITE} or {@link #WAKES}
     * @param perPacket calls per delivered packet
     * @param exact     counted (true) or estimated (false)
     * @param how       how it was measured, in a few words
     */
    public record Figure(String calls, double perPacket, boolean exact, String how) {
    }

    /** @return the figures' sum (of those measured: a figure that is NaN is left out), exact if each is */
    public static SyscallCosts of(List<Figure> figures) {
        double sum = 0;
        boolean exact = true;
        for (Figure figure : figures) {
            sum += Double.isNaN(figure.perPacket()) ? 0 : figure.perPacket();
            exact &= figure.exact();
        }
        return new SyscallCosts(sum, exact, figures);
    }

    /**
     * @param rounds one run's rounds (nulls skipped), with their packets
     * @return their figures as one window, weighted by each round's packets; null if none had any
     */
    public static SyscallCosts pooled(List<SyscallCosts> rounds, List<Long> packets) {
        List<Figure> first = null;
        double[] sums = null;
        long total = 0;
        for (int r = 0; r < rounds.size(); r++) {
            SyscallCosts round = rounds.get(r);
            if (round == null) {
                continue;
            }
            if (first == null) {
                first = round.figures();
                sums = new double[first.size()];
            }
            double weight = Math.max(1, packets.get(r));
            total += (long) weight;
            for (int f = 0; f < Math.min(sums.length, round.figures().size()); f++) {
                sums[f] += round.figures().get(f).perPacket() * weight;
            }
        }
        if (first == null) {
            return null;
        }
        java.util.ArrayList<Figure> pooled = new java.util.ArrayList<>();
        for (int f = 0; f < first.size(); f++) {
            Figure figure = first.get(f);
            pooled.add(new Figure(figure.calls(), sums[f] / Math.max(1, total), figure.exact(), figure.how()));
        }
        return of(pooled);
    }
}
