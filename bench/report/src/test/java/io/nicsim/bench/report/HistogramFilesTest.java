package io.nicsim.bench.report;

import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.PacketStampSink;
import io.nicsim.nic.record.DescriptorRecord;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
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
 * processor, the counts and percentiles are the recorder's.
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
            d.injectedNanos = d.detectedNanos = d.writtenNanos = d.intendedNanos;
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

    @Test
    void hdrHistogramsLogProcessorSumsTheMeasuredIntervals() throws Exception {
        LatencyRecorder recorder = recorder(11);
        Path hlog = dir.resolve("n.hlog");
        HistogramFiles.writeIntervalLog(recorder, 1_795_000_000_000L, "platform-thread", hlog);
        Path out = dir.resolve("processed");

        HistogramLogProcessor processor = new HistogramLogProcessor(new String[] {"-i", hlog.toString(), "-o",
                out.toString()});
        processor.run();

        String summary = Files.readString(dir.resolve("processed.hgrm"));
        Matcher total = Pattern.compile("Total count\\s+=\\s+(\\d+)").matcher(summary);
        assertThat(total.find()).isTrue();
        assertThat(Long.parseLong(total.group(1))).as("untagged (measured) intervals only")
                .isEqualTo(recorder.notification().getTotalCount());
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
