package io.nicsim.bench.results;

import java.util.List;
import java.util.Map;

/**
 * What a paced study's uncounted JIT warm-up round waited (summary.json {@code jitWarmup}): its passes over the
 * study's runs until the JIT compiler was quiet and each run's median stable, or its cap.
 *
 * @param capNanos        the longest it could last ({@code run.jitWarmup})
 * @param wallNanos       how long it lasted
 * @param ended           {@code quiet} (compiler quiet and medians stable), {@code cap} (the cap came first),
 *                        {@code stopped} (a stop request) or {@code off} ({@code run.jitWarmup} 0: no passes)
 * @param compileShareMax the quiet threshold: compilation time during a pass at most this share of the pass
 * @param p50ShiftMax     the stable threshold: each run's p50 within this share of its previous pass's
 * @param passes          each pass, in order
 * @param compileMillisMeasured the compiler's time during the measured rounds that followed (CompilationMXBean, all
 *                        compiler threads; -1 if the JVM does not say): what of the JIT's work the figures still met
 */
public record JitWarmupReport(long capNanos, long wallNanos, String ended, double compileShareMax, double p50ShiftMax,
                              List<Pass> passes, long compileMillisMeasured) {

    /** The compiler was quiet and every run's median stable. */
    public static final String QUIET = "quiet";
    /** The cap came first. */
    public static final String CAP = "cap";
    /** A stop request ended it. */
    public static final String STOPPED = "stopped";
    /** There was none ({@code run.jitWarmup} 0). */
    public static final String OFF = "off";

    /** @return this report with the compiler's time during the measured rounds */
    public JitWarmupReport withCompileMillisMeasured(long millis) {
        return new JitWarmupReport(capNanos, wallNanos, ended, compileShareMax, p50ShiftMax, passes, millis);
    }

    /**
     * One pass over the study's runs.
     *
     * @param wallNanos     how long it took
     * @param compileMillis compilation time the JVM reported during it (CompilationMXBean, all compiler threads)
     * @param p50Nanos      each run's notification p50 in it, by label
     */
    public record Pass(long wallNanos, long compileMillis, Map<String, Long> p50Nanos) {

        /** @return compilation time as a share of the pass's wall time */
        public double compileShare() {
            return wallNanos <= 0 ? 0 : compileMillis * 1e6 / wallNanos;
        }
    }
}
