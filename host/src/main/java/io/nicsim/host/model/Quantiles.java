package io.nicsim.host.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A latency distribution given by a few quantiles (probability, nanoseconds), sampled by inverse CDF with linear
 * interpolation between them: nothing allocated per sample.
 */
public final class Quantiles {

    private final double[] probabilities;
    private final long[] nanos;

    /**
     * @param probabilities ascending, first 0 and last 1
     * @param nanos         the value at each probability, ascending
     */
    public Quantiles(double[] probabilities, long[] nanos) {
        if (probabilities.length != nanos.length || probabilities.length < 2 || probabilities[0] != 0
                || probabilities[probabilities.length - 1] != 1) {
            throw new IllegalArgumentException("quantiles need matching points from p0 to p100, got "
                    + Arrays.toString(probabilities));
        }
        for (int i = 1; i < nanos.length; i++) {
            if (probabilities[i] <= probabilities[i - 1] || nanos[i] < nanos[i - 1] || nanos[i - 1] < 0) {
                throw new IllegalArgumentException("quantiles must ascend, got " + Arrays.toString(probabilities)
                        + " -> " + Arrays.toString(nanos));
            }
        }
        this.probabilities = probabilities.clone();
        this.nanos = nanos.clone();
    }

    /** @return a distribution that is always {@code value} */
    public static Quantiles constant(long value) {
        return new Quantiles(new double[] {0, 1}, new long[] {value, value});
    }

    /** @return one sample */
    public long sample(SplittableRandom random) {
        if (nanos[0] == nanos[nanos.length - 1]) {
            return nanos[0];
        }
        double u = random.nextDouble();
        int i = 1;
        while (i < probabilities.length - 1 && probabilities[i] < u) {
            i++;
        }
        double share = (u - probabilities[i - 1]) / (probabilities[i] - probabilities[i - 1]);
        return nanos[i - 1] + Math.round(share * (nanos[i] - nanos[i - 1]));
    }

    /** @return the value at probability 0.5 (interpolated) */
    public long median() {
        return quantile(0.5);
    }

    /** @return the value at probability {@code p} (interpolated), p in [0, 1] */
    public long quantile(double p) {
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] >= p) {
                double share = Math.max(0, p - probabilities[i - 1]) / (probabilities[i] - probabilities[i - 1]);
                return nanos[i - 1] + Math.round(share * (nanos[i] - nanos[i - 1]));
            }
        }
        return nanos[nanos.length - 1];
    }

    @Override
    public String toString() {
        return Arrays.toString(probabilities) + " -> " + Arrays.toString(nanos);
    }
}
