package io.nicsim.bench.run;

import io.nicsim.bench.results.JitterRecording;
import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.PlatformJitter;
import io.nicsim.firmware.clock.ManualNanoClock;
import org.HdrHistogram.AbstractHistogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jitter probe records its sleeps until stopped, once, in all and per measured second of the run's clock; the p99
 * judgement follows its two conditions.
 */
class JitterMonitorTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void recordsItsSleepsUntilStoppedAndStopsOnce() throws InterruptedException {
        JitterMonitor monitor = JitterMonitor.start(System.nanoTime(), 2_000_000_000L, SystemNanoClock.INSTANCE);
        Thread.sleep(50); // about 50 sleeps of 1 ms
        JitterRecording recording = monitor.stop();
        PlatformJitter jitter = recording.figures();
        assertThat(jitter.intervalNanos()).isEqualTo(JitterMonitor.INTERVAL_NANOS);
        assertThat(jitter.lateNanos().count()).isPositive();
        assertThat(jitter.lostShare()).isBetween(0.0, 1.0);
        assertThat(recording.intervals()).as("one per measured second").hasSize(2);
        assertThat(monitor.stop()).isSameAs(recording);
        monitor.close(); // idempotent
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void itsSecondsAreTheMeasuredWindowsOnTheRunsClockAndHoldEverySleep() throws InterruptedException {
        // the run's clock says the measured window of 3 s opened 10 s ago: every sleep is due after its last second
        ManualNanoClock clock = new ManualNanoClock(100_000_000_000L);
        JitterMonitor monitor = JitterMonitor.start(clock.nanoTime() - 10_000_000_000L, 3_000_000_000L, clock);
        Thread.sleep(20);
        JitterRecording recording = monitor.stop();

        assertThat(recording.intervals()).hasSize(3);
        assertThat(recording.intervals()).extracting(AbstractHistogram::getTotalCount)
                .containsExactly(0L, 0L, recording.lateNanos().getTotalCount());

        // a window opening 10 s from now: every sleep is due before its first second
        JitterMonitor early = JitterMonitor.start(clock.nanoTime() + 10_000_000_000L, 1, clock);
        Thread.sleep(20);
        JitterRecording first = early.stop();
        assertThat(first.intervals()).hasSize(1);
        assertThat(first.intervals().getFirst().getTotalCount()).isEqualTo(first.lateNanos().getTotalCount());
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
