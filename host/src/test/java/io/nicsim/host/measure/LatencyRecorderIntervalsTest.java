package io.nicsim.host.measure;

import io.nicsim.nic.record.DescriptorRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Over-time intervals are indexed by intended time from the warm-up's start; the sink sees every packet in order. */
class LatencyRecorderIntervalsTest {

    private static final long S = LatencyRecorder.INTERVAL_NANOS;

    private static DescriptorRecord packet(long id, long intendedNanos) {
        DescriptorRecord record = new DescriptorRecord();
        record.packetId = id;
        record.intendedNanos = intendedNanos;
        record.injectedNanos = intendedNanos;
        record.detectedNanos = intendedNanos;
        record.writtenNanos = intendedNanos;
        record.writtenBackNanos = intendedNanos;
        return record;
    }

    @Test
    void packetsLandInTheSecondOfTheirIntendedTimeWarmUpFirst() {
        LatencyRecorder recorder = new LatencyRecorder(2, 3, PacketStampSink.NONE);
        long measureFrom = 100 * S;
        recorder.measureFrom(measureFrom);
        assertThat(recorder.intervalCount()).isEqualTo(5);
        assertThat(recorder.warmupIntervals()).isEqualTo(2);

        recorder.record(packet(0, measureFrom - 2 * S), measureFrom - 2 * S + 1_000, 0);       // first warm-up second
        recorder.record(packet(1, measureFrom - 1), measureFrom + 5_000, 0);                  // last warm-up nanosecond
        recorder.record(packet(2, measureFrom), measureFrom + 7_000, 0);                        // first measured
        recorder.record(packet(3, measureFrom + 3 * S - 1), measureFrom + 3 * S + 9_000, 0);    // last measured
        recorder.record(packet(4, measureFrom + 10 * S), measureFrom + 10 * S + 2_000, 0);      // past the schedule
        recorder.record(packet(5, measureFrom - 50 * S), measureFrom - 50 * S + 3_000, 0);      // before it

        assertThat(counts(recorder)).containsExactly(2L, 1L, 1L, 0L, 2L);
        assertThat(recorder.interval(1).getMaxValue()).isBetween(4_995L, 5_005L);
        assertThat(recorder.interval(2).getMaxValue()).isBetween(6_995L, 7_005L);
        // the whole-run histogram holds the measured packets only, as before
        assertThat(recorder.notification().getTotalCount()).isEqualTo(3);
    }

    @Test
    void withoutMeasureFromEverythingFallsInTheLastInterval() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(packet(0, 5), 10, 10);
        recorder.record(packet(1, Long.MAX_VALUE / 4), Long.MAX_VALUE / 4 + 1, 0);
        assertThat(recorder.intervalCount()).isEqualTo(1);
        assertThat(recorder.interval(0).getTotalCount()).isEqualTo(2);
    }

    @Test
    void intervalsCoveringRoundsUp() {
        assertThat(LatencyRecorder.intervalsCovering(0)).isZero();
        assertThat(LatencyRecorder.intervalsCovering(1)).isEqualTo(1);
        assertThat(LatencyRecorder.intervalsCovering(S)).isEqualTo(1);
        assertThat(LatencyRecorder.intervalsCovering(S + 1)).isEqualTo(2);
        assertThatThrownBy(() -> new LatencyRecorder(0, 0, PacketStampSink.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSinkGetsEveryPacketsHostStampsInOrderWarmUpIncluded() {
        List<long[]> seen = new ArrayList<>();
        LatencyRecorder recorder = new LatencyRecorder(1, 1,
                (id, woken, handled, raised, delivered) ->
                        seen.add(new long[] {id, woken, handled, raised, delivered}));
        recorder.measureFrom(10_000);
        recorder.record(packet(0, 9_000), 9_500, 9_600, 9_200, 9_300);
        recorder.record(packet(1, 11_000), 11_500, 11_700);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).containsExactly(0, 9_500, 9_600, 9_200, 9_300);
        assertThat(seen.get(1)).as("found by polling: raised and delivered are the woken stamp")
                .containsExactly(1, 11_500, 11_700, 11_500, 11_500);
    }

    @Test
    void anInterruptRaisedBeforeThePacketWasWrittenBackDidNotNotifyIt() {
        List<long[]> seen = new ArrayList<>();
        LatencyRecorder recorder = new LatencyRecorder(0, 1,
                (id, woken, handled, raised, delivered) -> seen.add(new long[] {raised, delivered}));
        DescriptorRecord packet = packet(7, 1_000);
        packet.writtenNanos = 1_500;
        packet.writtenBackNanos = 2_000;
        recorder.record(packet, 3_000, 3_100, 1_900, 2_500); // raised 100 ns before the host could see the descriptor
        recorder.record(packet, 3_000, 3_100, 2_000, 2_500); // raised right after it: fine
        assertThat(seen.get(0)).containsExactly(3_000, 3_000);
        assertThat(seen.get(1)).containsExactly(2_000, 2_500);
        assertThat(recorder.stage(Stage.DELIVER).getMaxValue()).as("the second packet's deliver stage")
                .isBetween(495L, 505L);
        assertThat(recorder.stage(Stage.DELIVER).getMinValue()).as("the first one had none").isZero();
    }

    private static List<Long> counts(LatencyRecorder recorder) {
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < recorder.intervalCount(); i++) {
            counts.add(recorder.interval(i).getTotalCount());
        }
        return counts;
    }
}
