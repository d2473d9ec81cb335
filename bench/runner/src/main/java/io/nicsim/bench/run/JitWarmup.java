package io.nicsim.bench.run;

import io.nicsim.bench.results.JitWarmupReport;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.scenario.RunConfig;
import io.nicsim.firmware.clock.NanoClock;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The uncounted warm-up round before a paced study's measured rounds: it plays every run of the study in short passes
 * until the JIT compiler is quiet during a pass ({@link CompilationMXBean}) and each run's median moved little since
 * the pass before, or until its cap. Trade-off: it spends up to its cap of wall time before anything is measured, so
 * that no run's first measured second is the compiler's.
 */
final class JitWarmup {

    /** The longest a pass plays each run. */
    static final long PASS_NANOS = 500_000_000L;
    /** Quiet: the compiler's time during a pass at most this share of the pass's wall time. */
    static final double COMPILE_SHARE_MAX = 0.05;
    /** Stable: each run's p50 within this share of its previous pass's. */
    static final double P50_SHIFT_MAX = 0.25;

    private JitWarmup() {
    }

    /**
     * @param scratch where the passes' queues go (deleted after)
     * @return what it waited ({@code ended: off} and no passes if the study's {@code run.jitWarmup} is 0), or null
     *         for a study in virtual time (the JIT compiler changes no figure of it)
     */
    static JitWarmupReport run(List<RunSpec> specs, Path scratch, NanoClock clock, RunOptions options)
            throws Exception {
        RunConfig run = specs.getFirst().scenario().run();
        long capNanos = specs.getFirst().scenario().jitWarmupNanos();
        if (run.virtual()) {
            return null;
        }
        if (capNanos <= 0) {
            return new JitWarmupReport(0, 0, JitWarmupReport.OFF, COMPILE_SHARE_MAX, P50_SHIFT_MAX, List.of(), -1);
        }
        long passNanos = Math.min(PASS_NANOS, run.warmupNanos() + run.durationNanos());
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        RunOptions quiet = new RunOptions(false, options.stop(), Progress.none(), false)
                .withHandler(options.handler());
        long start = System.nanoTime();
        List<JitWarmupReport.Pass> passes = new ArrayList<>();
        String ended = JitWarmupReport.CAP;
        try {
            while (true) {
                if (options.stop().requested()) {
                    ended = JitWarmupReport.STOPPED;
                    break;
                }
                long passStart = System.nanoTime();
                long compileBefore = jitTimed ? jit.getTotalCompilationTime() : 0;
                Map<String, Long> p50 = new LinkedHashMap<>();
                for (int i = 0; i < specs.size() && !options.stop().requested(); i++) {
                    RunSpec spec = specs.get(i);
                    RunResult result = ConsumerRun.run(spec.scenario().withConsumer(spec.consumer())
                                    .warmupPass(passNanos), spec.label(), spec.consumer(),
                            scratch.resolve(passes.size() + "-" + i), null, clock, quiet);
                    p50.put(spec.label(), result.latencyNanos().notification().p50());
                }
                JitWarmupReport.Pass pass = new JitWarmupReport.Pass(System.nanoTime() - passStart,
                        jitTimed ? jit.getTotalCompilationTime() - compileBefore : 0, p50);
                options.progress().line(describe(passes.size() + 1, pass));
                Map<String, Long> previous = passes.isEmpty() ? null : passes.getLast().p50Nanos();
                passes.add(pass);
                if (pass.compileShare() <= COMPILE_SHARE_MAX && stable(previous, p50)) {
                    ended = JitWarmupReport.QUIET;
                    break;
                }
                if (System.nanoTime() - start + pass.wallNanos() > capNanos) {
                    break;
                }
            }
        } finally {
            RunFolder.deleteTree(scratch);
        }
        return new JitWarmupReport(capNanos, System.nanoTime() - start, ended, COMPILE_SHARE_MAX, P50_SHIFT_MAX,
                List.copyOf(passes), -1);
    }

    /** @return the JVM's compilation time so far, all compiler threads, or -1 if it does not say */
    static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** @return whether every run's p50 is within {@link #P50_SHIFT_MAX} of the previous pass's */
    static boolean stable(Map<String, Long> previous, Map<String, Long> current) {
        if (previous == null) {
            return false;
        }
        for (Map.Entry<String, Long> run : current.entrySet()) {
            Long before = previous.get(run.getKey());
            if (before == null || Math.abs(run.getValue() - before) > P50_SHIFT_MAX * before) {
                return false;
            }
        }
        return true;
    }

    private static String describe(int number, JitWarmupReport.Pass pass) {
        StringBuilder medians = new StringBuilder();
        pass.p50Nanos().forEach((label, p50) -> medians.append(medians.isEmpty() ? "" : ", ").append(label)
                .append(' ').append(String.format(Locale.ROOT, "%.2f us", p50 / 1e3)));
        return String.format(Locale.ROOT, "JIT warm-up pass %d: %.1fs, compiler %d ms (%.0f%%); p50 %s", number,
                pass.wallNanos() / 1e9, pass.compileMillis(), 100 * pass.compileShare(), medians);
    }
}
