package io.nicsim.host.measure;

import io.nicsim.nic.record.DescriptorRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's rounds pooled: measured histograms added, measured seconds one after another, warm-up left out. */
class LatencyRecorderPooledTest {

    private static final long S = LatencyRecorder.INTERVAL_NANOS;

    private static void record(LatencyRecorder recorder, long id, long intendedNanos, long latencyNanos) {
        DescriptorRecord record = new DescriptorRecord();
        record.packetId = id;
        record.intendedNanos = intendedNanos;
        record.injectedNanos = intendedNanos;
        record.detectedNanos = intendedNanos;
        record.writtenNanos = intendedNanos;
        record.writtenBackNanos = intendedNanos;
        recorder.record(record, intendedNanos + latencyNanos, intendedNanos + latencyNanos + 100);
    }

    @Test
    void roundsAddUpAndTheirMeasuredSecondsFollowEachOther() {
        LatencyRecorder first = new LatencyRecorder(1, 2, PacketStampSink.NONE);
        first.measureFrom(10 * S);
        record(first, 0, 9 * S, 50_000);          // warm-up: counted as handled, not measured
        record(first, 1, 10 * S, 1_000);           // first measured second
        record(first, 2, 11 * S + 5, 3_000);       // second measured second
        LatencyRecorder second = new LatencyRecorder(1, 1, PacketStampSink.NONE);
        second.measureFrom(100 * S);
        record(second, 3, 100 * S + 7, 2_000);

        LatencyRecorder pooled = LatencyRecorder.pooled(List.of(first, second));

        assertThat(pooled.notification().getTotalCount()).isEqualTo(3);
        assertThat(pooled.notification().getMaxValue()).isBetween(2_995L, 3_005L);
        assertThat(pooled.notification().getMinValue()).isBetween(995L, 1_005L);
        assertThat(pooled.stage(Stage.HANDLE).getTotalCount()).isEqualTo(3);
        assertThat(pooled.packetsHandled()).as("warm-up packets stay counted as handled").isEqualTo(4);
        assertThat(pooled.warmupIntervals()).isZero();
        assertThat(pooled.intervalCount()).isEqualTo(3);
        assertThat(pooled.interval(0).getTotalCount()).isEqualTo(1);
        assertThat(pooled.interval(1).getMaxValue()).isBetween(2_995L, 3_005L);
        assertThat(pooled.interval(2).getMaxValue()).isBetween(1_995L, 2_005L);
    }
}
