package io.nicsim.bench.cli;

import io.nicsim.bench.report.HistogramFiles;
import io.nicsim.bench.results.LiveEvent;
import io.nicsim.bench.results.LiveFeed;
import io.nicsim.bench.results.LiveFeedReader;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --live} as a user runs it, in this JVM, in virtual time (quick): the feed opens with Started, carries every
 * second of every consumer's schedule with the figures the run's interval log has, each point of a sweep and each run
 * of a comparison as it finishes, and ends with Ended; without {@code --live} there is no feed.
 */
@Tag("run")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LiveFeedRunTest {

    private static final List<String> VIRTUAL = List.of("--set", "run.clock=virtual", "--set",
            "traffic.ratePerSecond=20kpps", "--quiet");

    @TempDir
    Path dir;

    private static List<String> args(Path out, List<String> head, String... more) {
        List<String> all = new ArrayList<>(head);
        all.addAll(VIRTUAL);
        all.addAll(List.of(more));
        all.addAll(List.of("--out", out.toString()));
        return all;
    }

    private static List<LiveEvent> feed(Path out) throws Exception {
        LiveFeedReader reader = new LiveFeedReader(out.resolve(LiveFeed.FILE_NAME));
        List<LiveEvent> events = reader.poll();
        assertThat(reader.badLines()).isZero();
        return events;
    }

    private static <T extends LiveEvent> List<T> all(List<LiveEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aRunStreamsEverySecondOfEachConsumerWithItsIntervalLogsFigures() throws Exception {
        Path out = dir.resolve("run");
        CliOutcome run = CliOutcome.of(args(out, List.of("run", "--live"), "--set",
                "host.consumer=platform-thread,event-loop", "--duration", "3s", "--set", "run.warmup=1s"));
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);

        List<LiveEvent> events = feed(out);
        LiveEvent.Started started = (LiveEvent.Started) events.getFirst();
        assertThat(started.command()).isEqualTo("run");
        assertThat(started.consumers()).containsExactly("platform-thread", "event-loop");
        assertThat(started.clock()).isEqualTo("virtual");
        assertThat(started.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(started.points()).isEqualTo(1);
        assertThat(events.getLast()).isEqualTo(new LiveEvent.Ended(LiveOption.COMPLETED, null));
        assertThat(all(events, LiveEvent.PointDone.class)).as("a run has no points").isEmpty();

        Summary summary = SummaryWriter.read(out.resolve(SummaryWriter.FILE_NAME));
        for (RunResult result : summary.runs()) {
            List<LiveEvent.Second> seconds = all(events, LiveEvent.Second.class).stream()
                    .filter(second -> second.run().equals(result.name())).toList();
            List<HistogramFiles.Interval> logged = HistogramFiles.readIntervalLog(out.resolve(result.files()
                    .get("hlog")));
            assertThat(seconds).as(result.name()).extracting(LiveEvent.Second::second).containsExactly(0, 1, 2, 3);
            assertThat(seconds).extracting(LiveEvent.Second::warmup).containsExactly(true, false, false, false);
            assertThat(logged).hasSize(4);
            for (LiveEvent.Second second : seconds) {
                HistogramFiles.Interval interval = logged.get(second.second());
                assertThat(second.point()).isNull();
                assertThat(second.packets()).as("second %d", second.second()).isEqualTo(interval.count());
                assertThat(second.p50Nanos()).isEqualTo(interval.p50Nanos());
                assertThat(second.p99Nanos()).isEqualTo(interval.p99Nanos()).isPositive();
                assertThat(second.p999Nanos()).isEqualTo(interval.p999Nanos())
                        .isGreaterThanOrEqualTo(second.p99Nanos());
                assertThat(second.interruptsPerSecond()).isPositive();
                assertThat(second.jitterP99Nanos()).as("no jitter probe in virtual time").isNull();
                assertThat(second.consumerCpu()).as("modelled over the measured window only")
                        .matches(cpu -> second.warmup() ? cpu == null : cpu > 0);
            }
        }
    }

    @Test
    void aSweepTellsEachPointAndAComparisonEachRunAsTheyFinish() throws Exception {
        Path sweepDir = dir.resolve("sweep");
        CliOutcome sweep = CliOutcome.of(args(sweepDir, List.of("sweep", "--live", "--set",
                "firmware.policy=coalesce", "--set", "host.consumer=platform-thread", "--param",
                "firmware.rxUsecs=8,16"), "--duration", "1s", "--set", "run.warmup=0s"));
        assertThat(sweep.code()).as(sweep.err()).isEqualTo(ExitCodes.OK);
        List<LiveEvent> events = feed(sweepDir);
        assertThat(((LiveEvent.Started) events.getFirst()).points()).isEqualTo(2);
        List<LiveEvent.PointDone> points = all(events, LiveEvent.PointDone.class);
        assertThat(points).extracting(LiveEvent.PointDone::index, LiveEvent.PointDone::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "firmware.rxUsecs=8"),
                        org.assertj.core.groups.Tuple.tuple(2, "firmware.rxUsecs=16"));
        for (LiveEvent.PointDone point : points) {
            assertThat(point.count()).isEqualTo(2);
            Summary summary = SummaryWriter.read(sweepDir.resolve(point.folder()).resolve(SummaryWriter.FILE_NAME));
            assertThat(point.headline()).containsEntry("p99Nanos", summary.runs().getFirst().latencyNanos()
                    .notification().p99()).containsKeys("p50Nanos", "p999Nanos", "interruptsPerSecond", "drops");
        }
        assertThat(all(events, LiveEvent.Second.class)).extracting(LiveEvent.Second::point)
                .containsOnly("firmware.rxUsecs=8", "firmware.rxUsecs=16");
        assertThat(events.getLast()).isInstanceOf(LiveEvent.Ended.class);

        Path compareDir = dir.resolve("compare");
        CliOutcome compare = CliOutcome.of(args(compareDir, List.of("compare", "--live", "--consumers",
                "platform-thread,event-loop"), "--duration", "50ms", "--set", "run.warmup=0s"));
        assertThat(compare.code()).as(compare.err()).isEqualTo(ExitCodes.OK);
        assertThat(all(feed(compareDir), LiveEvent.PointDone.class)).extracting(LiveEvent.PointDone::label,
                LiveEvent.PointDone::folder).containsExactly(
                org.assertj.core.groups.Tuple.tuple("platform-thread", "0-platform-thread"),
                org.assertj.core.groups.Tuple.tuple("event-loop", "1-event-loop"));

        Path quietDir = dir.resolve("no-live");
        CliOutcome plain = CliOutcome.of(args(quietDir, List.of("run"), "--duration", "50ms", "--set",
                "run.warmup=0s"));
        assertThat(plain.code()).as(plain.err()).isEqualTo(ExitCodes.OK);
        assertThat(quietDir.resolve(SummaryWriter.FILE_NAME)).exists();
        assertThat(quietDir.resolve(LiveFeed.FILE_NAME)).as("no --live, no feed").doesNotExist();
    }

    @Test
    void aSweepOnAClusterTellsItsPointsAndNoSeconds() throws Exception {
        ClusterStudy.join = (options, listener, timeout) -> new io.nicsim.bench.cluster.LocalDispatcher(
                dir.resolve("scratch"), 2, listener);
        try {
            Path out = dir.resolve("cluster");
            CliOutcome sweep = CliOutcome.of(args(out, List.of("sweep", "--live", "--set", "firmware.policy=coalesce",
                    "--set", "host.consumer=platform-thread", "--param", "firmware.rxUsecs=8,16"), "--duration",
                    "50ms", "--set", "run.warmup=0s", "--cluster", "127.0.0.1:5701"));
            assertThat(sweep.code()).as(sweep.err()).isEqualTo(ExitCodes.OK);
            List<LiveEvent> events = feed(out);
            assertThat(events.getFirst()).isInstanceOf(LiveEvent.Started.class);
            assertThat(all(events, LiveEvent.Second.class)).as("measured on the workers").isEmpty();
            assertThat(all(events, LiveEvent.PointDone.class)).extracting(LiveEvent.PointDone::folder)
                    .containsExactlyInAnyOrder("points/0-rxUsecs=8", "points/1-rxUsecs=16")
                    .allSatisfy(folder -> assertThat(out.resolve(folder).resolve(SummaryWriter.FILE_NAME)).exists());
            assertThat(events.getLast()).isEqualTo(new LiveEvent.Ended(LiveOption.COMPLETED, null));
        } finally {
            ClusterStudy.join = io.nicsim.bench.cluster.Coordinator::join;
        }
    }
}
