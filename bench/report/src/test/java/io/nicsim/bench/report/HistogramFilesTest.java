package io.nicsim.bench.report;

import io.nicsim.bench.results.JitterRecording;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.PacketStampSink;
import io.nicsim.nic.record.DescriptorRecord;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The .hgrm and .hlog files are HdrHistogram's own formats: read back with HdrHistogram's reader and log
 * processor, the counts and percentiles are the recorder's; the platform jitter's seconds sit under their own tag.
 */
class HistogramFilesTest {

    private static final long S = LatencyRecorder.INTERVAL_NANOS;

    @TempDir
    Path dir;

    /** 2 warm-up seconds, 3 measured, seeded random latencies; packet i intended at i ms. */
    private static LatencyRecorder recorder(long seed) {
        LatencyRecorder recorder = new LatencyRecorder(2, 3, PacketStampSink.NONE);
        recorder.measureFrom(2 * S);
        Random random = new Random(seed);
        DescriptorRecord d = new DescriptorRecord();
        for (long i = 0; i < 5_000; i++) {
            d.packetId = i;
            d.intendedNanos = i * 1_000_000L;
            d.injectedNanos = d.detectedNanos = d.writtenNanos = d.writtenBackNanos = d.intendedNanos;
            long latency = 200 + (long) (random.nextDouble() * random.nextDouble() * 2_000_000);
            recorder.record(d, d.intendedNanos + latency, d.intendedNanos + latency + 50);
        }
        return recorder;
    }

    @Test
    void percentileDistributionHasHdrHistogramsFormat() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            LatencyRecorder recorder = recorder(seed);
            Histogram histogram = recorder.notification();
            Path hgrm = dir.resolve("n" + seed + ".hgrm");

            HistogramFiles.writePercentiles(histogram, hgrm);

            List<String> lines = Files.readAllLines(hgrm);
            assertThat(lines.getFirst().trim().split("\\s+"))
                    .containsExactly("Value", "Percentile", "TotalCount", "1/(1-Percentile)");
            Pattern row = Pattern.compile("\\s*(\\d+\\.\\d{3})\\s+(\\d\\.\\d{12})\\s+(\\d+)"
                    + "(\\s+(\\d+\\.\\d{2}|Infinity))?");
            Pattern footer = Pattern.compile("#\\[(Mean|Max|Buckets)\\s+=.*]");
            int rows = 0;
            int footers = 0;
            double lastPercentile = -1;
            long lastCount = -1;
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    assertThat(line).matches(footer);
                    footers++;
                    continue;
                }
                Matcher m = row.matcher(line);
                assertThat(m.matches()).as("row %s", line).isTrue();
                double percentile = Double.parseDouble(m.group(2));
                long count = Long.parseLong(m.group(3));
                assertThat(percentile).isGreaterThanOrEqualTo(lastPercentile);
                assertThat(count).isGreaterThanOrEqualTo(lastCount);
                lastPercentile = percentile;
                lastCount = count;
                rows++;
            }
            assertThat(rows).isGreaterThan(20);
            assertThat(footers).isEqualTo(3);
            assertThat(lastPercentile).isEqualTo(1.0);
            assertThat(lastCount).isEqualTo(histogram.getTotalCount()).isEqualTo(3_000);

            // our reader agrees with the histogram, in microseconds
            List<HistogramFiles.PercentileLine> read = HistogramFiles.readPercentiles(hgrm);
            HistogramFiles.PercentileLine median = read.stream().filter(l -> l.percentile() >= 0.5).findFirst()
                    .orElseThrow();
            assertThat(median.valueMicros() * 1000).isCloseTo(histogram.getValueAtPercentile(50),
                    org.assertj.core.data.Offset.offset(1.0));
            assertThat(read.getLast().valueMicros() * 1000)
                    .isCloseTo(histogram.getMaxValue(), org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void intervalLogReadsBackWithHdrHistogramsReaderWarmUpTagged() throws Exception {
        LatencyRecorder recorder = recorder(7);
        Path hlog = dir.resolve("n.hlog");

        HistogramFiles.writeIntervalLog(recorder, 1_795_000_000_000L, "busy-poll", hlog);

        List<EncodableHistogram> intervals = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                intervals.add(h);
            }
            assertThat(reader.getStartTimeSec()).isEqualTo(1_795_000_000.0);
        }
        assertThat(intervals).hasSize(5);
        long measured = 0;
        for (int i = 0; i < intervals.size(); i++) {
            EncodableHistogram h = intervals.get(i);
            assertThat(h.getTag()).isEqualTo(i < 2 ? HistogramFiles.WARMUP_TAG : null);
            assertThat(h.getStartTimeStamp()).isEqualTo(1_795_000_000_000L + i * 1_000L);
            long count = ((org.HdrHistogram.AbstractHistogram) h).getTotalCount();
            assertThat(count).isEqualTo(recorder.interval(i).getTotalCount()).isEqualTo(1_000);
            assertThat(h.getMaxValueAsDouble()).isEqualTo(recorder.interval(i).getMaxValue());
            if (i >= 2) {
                measured += count;
            }
        }
        assertThat(measured).isEqualTo(recorder.notification().getTotalCount());

        // our reader: relative seconds, warm-up flagged
        List<HistogramFiles.Interval> read = HistogramFiles.readIntervalLog(hlog);
        assertThat(read).extracting(HistogramFiles.Interval::startSeconds).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        assertThat(read).extracting(HistogramFiles.Interval::warmup).containsExactly(true, true, false, false, false);
    }

    /** Platform jitter over {@code seconds} measured seconds: second {@code j} holds j + 1 sleeps, late j + 1 ms. */
    private static JitterRecording jitter(int seconds) {
        Histogram late = LatencyRecorder.newHistogram();
        List<AbstractHistogram> intervals = new ArrayList<>();
        for (int j = 0; j < seconds; j++) {
            AbstractHistogram interval = new IntCountsHistogram(LatencyRecorder.HIGHEST_TRACKABLE_NANOS, 2);
            interval.recordValueWithCount((j + 1) * 1_000_000L, j + 1);
            late.recordValueWithCount((j + 1) * 1_000_000L, j + 1);
            intervals.add(interval);
        }
        return new JitterRecording(1_000_000L, late, intervals, seconds * S);
    }

    @Test
    void platformJitterGoesUnderItsOwnTagBesideTheSameSecondsAndLeavesTheNotificationIntervalsAsTheyWere()
            throws Exception {
        LatencyRecorder recorder = recorder(13);
        Path without = dir.resolve("without.hlog");
        Path with = dir.resolve("with.hlog");
        HistogramFiles.writeIntervalLog(recorder, 1_795_000_000_000L, "busy-poll", without);

        HistogramFiles.writeIntervalLog(recorder, jitter(3), 1_795_000_000_000L, "busy-poll", with);

        List<EncodableHistogram> intervals = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(with.toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                intervals.add(h);
            }
        }
        String w = HistogramFiles.WARMUP_TAG;
        String j = HistogramFiles.JITTER_TAG;
        assertThat(intervals).as("interleaved by time, each second's notification interval first")
                .extracting(EncodableHistogram::getTag).containsExactly(w, w, null, j, null, j, null, j);
        assertThat(intervals).extracting(EncodableHistogram::getStartTimeStamp).isSorted();
        assertThat(intervals.get(3).getStartTimeStamp()).as("jitter second 0 is measured second 0")
                .isEqualTo(intervals.get(2).getStartTimeStamp()).isEqualTo(1_795_000_000_000L + 2_000L);

        assertThat(HistogramFiles.readIntervalLog(with)).as("the notification intervals, as without the jitter")
                .isEqualTo(HistogramFiles.readIntervalLog(without));
        assertThat(HistogramFiles.readJitterLog(without)).isEmpty();
        List<HistogramFiles.Interval> read = HistogramFiles.readJitterLog(with);
        assertThat(read).extracting(HistogramFiles.Interval::startSeconds).containsExactly(2.0, 3.0, 4.0);
        assertThat(read).extracting(HistogramFiles.Interval::count).containsExactly(1L, 2L, 3L);
        assertThat(read).extracting(HistogramFiles.Interval::warmup).containsOnly(false);
        for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i).maxNanos()).isEqualTo(jitter(3).intervals().get(i).getMaxValue());
        }
    }

    @Test
    void jitterSecondsPastAStoppedRunsLastPacketAreKeptAndItsTrailingEmptyOnesLeftOut() throws Exception {
        LatencyRecorder recorder = new LatencyRecorder(1, 4, PacketStampSink.NONE);
        recorder.measureFrom(S);
        DescriptorRecord d = new DescriptorRecord();
        d.intendedNanos = S + S / 2; // only the first measured second has a packet
        recorder.record(d, d.intendedNanos + 1_000, d.intendedNanos + 2_000);
        JitterRecording twoOfFour = jitter(2);
        List<AbstractHistogram> padded = new ArrayList<>(twoOfFour.intervals());
        padded.add(new IntCountsHistogram(LatencyRecorder.HIGHEST_TRACKABLE_NANOS, 2));
        padded.add(new IntCountsHistogram(LatencyRecorder.HIGHEST_TRACKABLE_NANOS, 2));
        Path hlog = dir.resolve("stopped.hlog");

        HistogramFiles.writeIntervalLog(recorder, new JitterRecording(twoOfFour.sleepNanos(), twoOfFour.lateNanos(),
                padded, twoOfFour.windowNanos()), 1_795_000_000_000L, "x", hlog);

        assertThat(HistogramFiles.readIntervalLog(hlog)).hasSize(2);
        assertThat(HistogramFiles.readJitterLog(hlog)).extracting(HistogramFiles.Interval::startSeconds)
                .containsExactly(1.0, 2.0);
    }

    @Test
    void hdrHistogramsLogProcessorSumsTheMeasuredIntervals() throws Exception {
        LatencyRecorder recorder = recorder(11);
        Path hlog = dir.resolve("n.hlog");
        HistogramFiles.writeIntervalLog(recorder, jitter(3), 1_795_000_000_000L, "platform-thread", hlog);
        Path out = dir.resolve("processed");

        HistogramLogProcessor processor = new HistogramLogProcessor(new String[] {"-i", hlog.toString(), "-o",
                out.toString()});
        processor.run();

        String summary = Files.readString(dir.resolve("processed.hgrm"));
        Matcher total = Pattern.compile("Total count\\s+=\\s+(\\d+)").matcher(summary);
        assertThat(total.find()).isTrue();
        assertThat(Long.parseLong(total.group(1))).as("untagged (measured) intervals only, no jitter")
                .isEqualTo(recorder.notification().getTotalCount());

        new HistogramLogProcessor(new String[] {"-i", hlog.toString(), "-o", dir.resolve("jitter").toString(),
                "-tag", HistogramFiles.JITTER_TAG}).run();
        Matcher jitterTotal = Pattern.compile("Total count\\s+=\\s+(\\d+)")
                .matcher(Files.readString(dir.resolve("jitter.hgrm")));
        assertThat(jitterTotal.find()).isTrue();
        assertThat(Long.parseLong(jitterTotal.group(1))).as("asked for by its tag, the jitter's sleeps").isEqualTo(6);
    }

    @Test
    void trailingEmptyIntervalsOfAStoppedRunAreLeftOut() throws Exception {
        LatencyRecorder recorder = new LatencyRecorder(1, 4, PacketStampSink.NONE);
        recorder.measureFrom(S);
        DescriptorRecord d = new DescriptorRecord();
        d.intendedNanos = S + S / 2; // only the first measured second has a packet
        recorder.record(d, d.intendedNanos + 1_000, d.intendedNanos + 2_000);
        Path hlog = dir.resolve("stopped.hlog");
        HistogramFiles.writeIntervalLog(recorder, 1_795_000_000_000L, "x", hlog);
        assertThat(HistogramFiles.readIntervalLog(hlog)).hasSize(2);
    }

    @Test
    void aFileThatIsNotADistributionIsRefused() throws Exception {
        Path bogus = Files.writeString(dir.resolve("bogus.hgrm"), "hello\nworld\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HistogramFiles.readPercentiles(bogus))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("not an HdrHistogram percentile"
                + " distribution");
    }
}
