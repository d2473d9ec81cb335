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

    @Test
    void countsEachWakeUpOnceByItsFirstNotifiedPacket() {
        LatencyRecorder recorder = new LatencyRecorder();
        // one wake-up at 100 us for three packets delivered at 10, 40 and 90 us: the wake stage has three values,
        // the wake-up one (90 us, from the first)
        recorder.record(packet(0, 0), 100_000, 101_000, 5_000, 10_000);
        recorder.record(packet(30_000, 30_000), 100_000, 102_000, 35_000, 40_000);
        recorder.record(packet(80_000, 80_000), 100_000, 103_000, 85_000, 90_000);
        // a second wake-up, 5 us after its delivery; then a packet found by polling (no interrupt): no wake-up
        recorder.record(packet(200_000, 200_000), 210_000, 211_000, 204_000, 205_000);
        recorder.record(packet(300_000, 300_000), 300_500, 301_000);

        assertThat(recorder.stage(Stage.WAKE).getTotalCount()).isEqualTo(5);
        assertThat(recorder.wakeUps().getTotalCount()).isEqualTo(2);
        assertThat(recorder.wakeUps().getMaxValue()).isBetween(89_950L, 90_050L);
        assertThat(recorder.wakeUps().getMinValue()).isBetween(4_995L, 5_005L);
    }

    @Test
    void warmUpWakeUpsAreNotCounted() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.measureFrom(50_000);
        recorder.record(packet(0, 0), 20_000, 21_000, 5_000, 10_000);
        assertThat(recorder.wakeUps().getTotalCount()).isZero();
    }
}
