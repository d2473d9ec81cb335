package io.nicsim.bench.dashboard;

import io.nicsim.bench.results.Environment;
import io.nicsim.bench.results.Sweep;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A sweep's and a tune's headline figures in the run list. */
class StudyHeadlinesTest {

    private static Sweep.Row row(int point, String consumer, long rxUsecs, long rxFrames, long p50, long p99,
                                 long dropped) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("firmware.rxFrames", Long.toString(rxFrames)); // stored out of the sweep's order
        parameters.put("firmware.rxUsecs", Long.toString(rxUsecs));
        return new Sweep.Row(point, "points/" + point, parameters, consumer, "coalesce", p50, p50, p99, p99, p99, 1,
                1, 100, 100 - dropped, dropped, false, 1);
    }

    @Test
    void aSweepShowsEachConsumersLowestP99AmongThePointsThatLostNothing() {
        Sweep sweep = new Sweep("s", false, "nicsim sweep", List.of("firmware.rxUsecs", "firmware.rxFrames"), 6,
                List.of(), new Environment("jdk", 2, "linux", "cpu"), List.of(
                row(0, "busy-poll", 0, 1, 5, 90, 0),
                row(1, "platform-thread", 0, 1, 40, 700, 0),
                row(2, "busy-poll", 8, 1, 6, 20, 3), // lowest p99, but it dropped packets
                row(3, "platform-thread", 8, 1, 45, 500, 0),
                row(4, "busy-poll", 16, 8, 7, 60, 0),
                row(5, "platform-thread", 16, 8, 50, 900, 0)));

        assertThat(StudyHeadlines.sweep(sweep)).containsExactly(
                new RunEntry.Headline("busy-poll, best p99 at rxUsecs=16 rxFrames=8", 7, 60),
                new RunEntry.Headline("platform-thread, best p99 at rxUsecs=8 rxFrames=1", 45, 500));
    }

    @Test
    void aSweepWhosePointsAllDroppedStillShowsItsLowestP99() {
        Sweep sweep = new Sweep("s", false, "nicsim sweep", List.of("firmware.rxUsecs"), 2, List.of(),
                new Environment("jdk", 2, "linux", "cpu"), List.of(row(0, "busy-poll", 0, 1, 5, 90, 1),
                row(1, "busy-poll", 8, 1, 6, 30, 2)));

        assertThat(StudyHeadlines.sweep(sweep)).containsExactly(
                new RunEntry.Headline("busy-poll, best p99 at rxUsecs=8", 6, 30));
    }

    @Test
    void aTuneShowsItsBestPointsMediansAndNothingBeforeItHasOne() throws Exception {
        String tune = """
                {"consumer": "platform-thread", "bestPoint": 2, "points": [
                  {"point": 1, "parameters": {"firmware.rxUsecs": "50"},
                   "metrics": {"p50": {"median": 51615.0}, "p99": {"median": 4968447.0}}},
                  {"point": 2, "parameters": {"firmware.rxUsecs": "8", "firmware.rxFrames": "4"},
                   "metrics": {"p50": {"median": 20000.4}, "p99": {"median": 90000.6}}}]}""";

        assertThat(StudyHeadlines.tune(Json.MAPPER.readTree(tune))).containsExactly(
                new RunEntry.Headline("platform-thread, best at rxUsecs=8 rxFrames=4", 20_000, 90_001));
        assertThat(StudyHeadlines.tune(Json.MAPPER.readTree("{\"consumer\": \"busy-poll\", \"points\": []}")))
                .isEmpty();
        assertThat(StudyHeadlines.tune(Json.MAPPER.readTree("{\"bestPoint\": 3, \"points\": []}"))).isEmpty();
    }
}
