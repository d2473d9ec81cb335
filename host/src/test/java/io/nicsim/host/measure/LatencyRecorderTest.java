package io.nicsim.host.measure;

import io.nicsim.nic.record.DescriptorRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Warm-up packets are counted but not recorded; corrected and uncorrected latency use intended and injected. */
class LatencyRecorderTest {

    private static DescriptorRecord packet(long intendedNanos, long injectedNanos) {
        DescriptorRecord record = new DescriptorRecord();
        record.intendedNanos = intendedNanos;
        record.injectedNanos = injectedNanos;
        return record;
    }

    @Test
    void countsWarmUpPacketsWithoutRecordingThem() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.measureFrom(10_000);
        recorder.record(packet(9_999, 9_999), 20_000, 20_000);
        recorder.record(packet(10_000, 12_000), 15_000, 16_000);
        assertThat(recorder.packetsHandled()).isEqualTo(2);
        assertThat(recorder.notification().getTotalCount()).isEqualTo(1);
        assertThat(recorder.notification().getMaxValue()).isBetween(4_995L, 5_005L);
        assertThat(recorder.notificationUncorrected().getMaxValue()).isBetween(2_995L, 3_005L);
    }

    @Test
    void measuresEverythingUntilToldOtherwise() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(packet(-5_000, -5_000), 0, 0);
        recorder.record(packet(Long.MAX_VALUE / 4, Long.MAX_VALUE / 4), Long.MAX_VALUE / 4 + 100, 0);
        assertThat(recorder.notification().getTotalCount()).isEqualTo(2);
    }

    @Test
    void clampsImpossibleNegativeLatencyToZero() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(packet(10_000, 10_000), 9_000, 9_000);
        assertThat(recorder.notification().getMaxValue()).isZero();
    }
}
