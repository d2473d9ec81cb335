package io.nicsim.bench.run;

import io.nicsim.bench.results.LiveEvent;
import io.nicsim.bench.results.LiveFeed;
import io.nicsim.bench.results.LiveFeedReader;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.Packet;
import io.nicsim.host.measure.PacketStampSink;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The live seconds of a run, sampled on a clock the test moves: which second is written when (one second after its
 * end, the rest at the run's end), and its figures (latency of the packets intended in it, warm-up flag, interrupts
 * per second, drops and CPU between the samples at its edges, the jitter probe's p99).
 */
class LiveSecondsTest {

    private static final long S = LatencyRecorder.INTERVAL_NANOS;
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private LiveFeed feed;
    private LiveFeedReader reader;
    private final AtomicLong interrupts = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();
    private final AtomicLong cpu = new AtomicLong();
    /** One warm-up second then two measured: the measured window opens at 1 s, the schedule ends at 3 s. */
    private final LatencyRecorder recorder = new LatencyRecorder(1, 2, PacketStampSink.NONE);

    @BeforeEach
    void openFeed() throws Exception {
        feed = LiveFeed.open(dir);
        reader = new LiveFeedReader(dir.resolve(LiveFeed.FILE_NAME));
        recorder.measureFrom(S);
    }

    @AfterEach
    void closeFeed() {
        feed.close();
    }

    private LiveSeconds seconds(LiveTarget target) {
        return LiveSeconds.of(target, "platform-thread", recorder, S, 2 * S,
                () -> new LiveSeconds.Sources(interrupts::get, drops::get, now -> cpu.get(), false));
    }

    private List<LiveEvent.Second> written() throws Exception {
        return reader.poll().stream().map(LiveEvent.Second.class::cast).toList();
    }

    /** Records {@code count} packets intended at {@code intendedNanos}, each notified {@code latencyNanos} later. */
    private void record(long intendedNanos, long latencyNanos, int count) {
        Packet packet = new Packet();
        for (int i = 0; i < count; i++) {
            packet.intendedNanos = intendedNanos;
            packet.injectedNanos = intendedNanos;
            packet.detectedNanos = intendedNanos;
            packet.writtenNanos = intendedNanos;
            packet.appendedNanos = intendedNanos;
            packet.raisedNanos = intendedNanos;
            packet.deliveredNanos = intendedNanos;
            recorder.record(packet, intendedNanos + latencyNanos, intendedNanos + latencyNanos);
        }
    }

    @Test
    void aSecondIsWrittenOneSecondAfterItsEndAndTheRestAtTheRunsEnd() throws Exception {
        LiveSeconds live = seconds(LiveTarget.of(feed).atPoint("rxUsecs=8").inRound(2));
        live.sample(20 * MS);
        live.sample(S);
        live.sample(2 * S - 1);
        assertThat(written()).as("second 0 ends at 1 s: not settled before 2 s").isEmpty();
        live.sample(2 * S);
        List<LiveEvent.Second> first = written();
        assertThat(first).extracting(LiveEvent.Second::second).containsExactly(0);
        assertThat(first.getFirst().warmup()).isTrue();
        assertThat(first.getFirst().point()).isEqualTo("rxUsecs=8");
        assertThat(first.getFirst().run()).isEqualTo("platform-thread round 2");
        live.sample(3 * S + 50 * MS);
        assertThat(written()).as("the schedule ends at 3 s: second 1 settled at 3 s").extracting(
                LiveEvent.Second::second, LiveEvent.Second::warmup).containsExactly(tuple(1, false));
        live.finish(3 * S + 60 * MS, 3 * S);
        assertThat(written()).as("the last second, at the run's end").extracting(LiveEvent.Second::second)
                .containsExactly(2);
        live.finish(4 * S, 3 * S);
        live.sample(9 * S);
        assertThat(written()).as("each second once").isEmpty();
    }

    @Test
    void aSecondsFiguresAreOfThePacketsIntendedInItAndTheCountersAtItsEdges() throws Exception {
        LiveSeconds live = seconds(LiveTarget.of(feed));
        AbstractHistogram jitterSecond = new IntCountsHistogram(LatencyRecorder.HIGHEST_TRACKABLE_NANOS, 2);
        for (int i = 1; i <= 100; i++) {
            jitterSecond.recordValue(i * 1_000L);
        }
        live.jitter(second -> second == 0 ? jitterSecond : null);
        live.sample(0);
        record(1_500 * MS, 10_000, 99); // measured second 1: 99 packets at 10 us, 1 at 1 ms
        record(1_600 * MS, 1_000_000, 1);
        interrupts.set(500);
        drops.set(3);
        cpu.set(100 * MS);
        live.sample(S); // edge 1, half a core since 0
        interrupts.set(2_500);
        drops.set(10);
        cpu.set(350 * MS);
        live.sample(2 * S + 1); // edge 2: second 0 settles
        live.sample(3 * S); // edge 3: second 1 settles
        List<LiveEvent.Second> seconds = written();
        assertThat(seconds).hasSize(2);
        LiveEvent.Second warmup = seconds.get(0);
        assertThat(warmup.packets()).isZero();
        assertThat(warmup.p99Nanos()).as("no packet: 0").isZero();
        assertThat(warmup.interruptsPerSecond()).isEqualTo(500);
        assertThat(warmup.drops()).isEqualTo(3);
        assertThat(warmup.consumerCpu()).isEqualTo(0.1);
        assertThat(warmup.jitterP99Nanos()).as("the probe watches the measured window only").isNull();
        LiveEvent.Second measured = seconds.get(1);
        assertThat(measured.packets()).isEqualTo(100);
        assertThat(measured.p50Nanos()).isBetween(9_990L, 10_010L);
        assertThat(measured.p99Nanos()).as("99 of 100 at or below 10 us").isBetween(9_990L, 10_010L);
        assertThat(measured.p999Nanos()).isBetween(999_000L, 1_001_000L);
        assertThat(measured.interruptsPerSecond()).as("2,000 over the second").isEqualTo(2_000);
        assertThat(measured.drops()).isEqualTo(7);
        assertThat(measured.consumerCpu()).isEqualTo(0.25);
        assertThat(measured.jitterP99Nanos()).isBetween(98_000L, 100_000L);
    }

    @Test
    void anEdgeBetweenTwoSamplesTakesTheCountersInterpolatedBetweenThem() throws Exception {
        LiveSeconds live = LiveSeconds.of(LiveTarget.of(feed), "virtual", recorder, S, 2 * S,
                () -> new LiveSeconds.Sources(interrupts::get, drops::get, now -> cpu.get(), true));
        live.sample(0);
        interrupts.set(1_800);
        cpu.set(900 * MS);
        live.sample(1_800 * MS); // edge 1 at 1 s: 1,000 interrupts and 0.5 s of CPU by then, at an even pace
        interrupts.set(3_000);
        cpu.set(1_500 * MS);
        live.sample(2_200 * MS); // edge 2 at 2 s: 2,400 and 1.2 s by then; second 0 settles
        live.sample(3 * S);
        List<LiveEvent.Second> seconds = written();
        assertThat(seconds).extracting(LiveEvent.Second::interruptsPerSecond).containsExactly(1_000L, 1_400L);
        assertThat(seconds).extracting(LiveEvent.Second::consumerCpu).containsExactly(0.5, 0.7);
    }

    @Test
    void theEndUsesTheLastLookBeforeTheThreadsStoppedAndSkipsSecondsAfterAStop() throws Exception {
        LiveSeconds live = seconds(LiveTarget.of(feed));
        live.sample(0);
        cpu.set(400 * MS);
        interrupts.set(1_000);
        live.sample(S);
        cpu.set(900 * MS);
        interrupts.set(1_500);
        live.lastLook(1_500 * MS); // stopped at 1.5 s, drained at once
        cpu.set(0); // the consumer's threads ended: their CPU reads as gone
        interrupts.set(1_600);
        live.finish(1_700 * MS, 1_500 * MS);
        List<LiveEvent.Second> seconds = written();
        assertThat(seconds).extracting(LiveEvent.Second::second).as("second 2 began after the stop").containsExactly(0,
                1);
        assertThat(seconds.get(1).consumerCpu()).as("0.5 s of CPU over the half second to the last look")
                .isEqualTo(1.0);
        assertThat(seconds.get(1).interruptsPerSecond()).isEqualTo(1_000);
    }

    @Test
    void withoutAFeedNothingIsBuiltSampledOrWritten() throws Exception {
        LiveSeconds live = LiveSeconds.of(LiveTarget.NONE, "platform-thread", recorder, S, 2 * S, () -> {
            throw new AssertionError("no sources are built without a feed");
        });
        assertThat(live).isSameAs(LiveSeconds.OFF);
        live.sample(5 * S);
        live.lastLook(5 * S);
        live.finish(5 * S, 3 * S);
        assertThat(reader.poll()).isEmpty();
        assertThat(LiveTarget.NONE.atPoint("p").inRound(2)).isSameAs(LiveTarget.NONE);
    }
}
