package io.nicsim.bench.run;

import io.nicsim.bench.results.JitWarmupReport;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When the JIT warm-up round calls a pass's medians stable, and how it measures the compiler's share. */
class JitWarmupTest {

    @Test
    void stableNeedsAPreviousPassAndEveryRunWithinItsShift() {
        assertThat(JitWarmup.stable(null, Map.of("busy-poll", 1_000L))).isFalse();
        assertThat(JitWarmup.stable(Map.of("busy-poll", 1_000L, "event-loop", 8_000L),
                Map.of("busy-poll", 1_200L, "event-loop", 6_000L))).isTrue();
        assertThat(JitWarmup.stable(Map.of("busy-poll", 1_000L, "event-loop", 8_000L),
                Map.of("busy-poll", 1_300L, "event-loop", 8_000L))).isFalse();
        assertThat(JitWarmup.stable(Map.of("busy-poll", 1_000L), Map.of("platform-thread", 1_000L))).isFalse();
    }

    @Test
    void compileShareIsCompilerTimeOverThePassesWallTime() {
        assertThat(new JitWarmupReport.Pass(2_000_000_000L, 100, Map.of()).compileShare()).isEqualTo(0.05);
        assertThat(new JitWarmupReport.Pass(0, 100, Map.of()).compileShare()).isZero();
    }
}
