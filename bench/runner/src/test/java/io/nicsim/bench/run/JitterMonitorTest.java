package io.nicsim.bench.run;

import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.PlatformJitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The jitter probe records its sleeps until stopped, once; the p99 judgement follows its two conditions. */
class JitterMonitorTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void recordsItsSleepsUntilStoppedAndStopsOnce() throws InterruptedException {
        JitterMonitor monitor = JitterMonitor.start();
        Thread.sleep(50); // about 50 sleeps of 1 ms
        PlatformJitter jitter = monitor.stop();
        assertThat(jitter.intervalNanos()).isEqualTo(JitterMonitor.INTERVAL_NANOS);
        assertThat(jitter.lateNanos().count()).isPositive();
        assertThat(jitter.lostShare()).isBetween(0.0, 1.0);
        assertThat(monitor.stop()).isEqualTo(jitter);
        monitor.close(); // idempotent
    }

    @Test
    void aP99IsWithinTheJitterOnlyIfThePlatformLostAtLeastOnePercentForAsLong() {
        LatencySummary late = new LatencySummary(1_000, 3_000, 55_000, 58_000, 70_000, 2_000_000, 5_000_000, 60_000);
        assertThat(new PlatformJitter(1_000_000, late, 0.02).coversP99(4_000_000)).isTrue();
        assertThat(new PlatformJitter(1_000_000, late, 0.02).coversP99(6_000_000)).as("longer than any stall")
                .isFalse();
        assertThat(new PlatformJitter(1_000_000, late, 0.005).coversP99(100_000)).as("too little time lost")
                .isFalse();
        LatencySummary none = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(new PlatformJitter(1_000_000, none, 0).coversP99(0)).isFalse();
    }
}
