package io.nicsim.bench.dashboard;

import io.nicsim.bench.results.LiveEvent;
import io.nicsim.bench.results.LiveFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The hub polled by hand (no timer), with a process check the test sets. */
class FeedHubTest {

    @TempDir
    Path study;

    private final AtomicBoolean alive = new AtomicBoolean(true);
    private final FeedHub hub = new FeedHub((pid, startedAt) -> alive.get());

    private static List<String> recorder(List<String> into, FeedHub.Listener[] holder) {
        holder[0] = (name, json) -> into.add(name + " " + json);
        return into;
    }

    @Test
    void aSubscriberGetsTheLinesSoFarThenEachNewOneAndTheState() throws Exception {
        LiveEvent.Started started = TinyRuns.started("napi-study");
        TinyRuns.append(study, started, TinyRuns.second("platform-thread", 0));
        FeedHub.Listener[] first = new FeedHub.Listener[1];
        List<String> seen = recorder(new ArrayList<>(), first);

        hub.subscribe(study, first[0]);

        assertThat(seen).containsExactly("line " + LiveFeed.line(started),
                "line " + LiveFeed.line(TinyRuns.second("platform-thread", 0)), "state {\"state\":\"live\"}");
        TinyRuns.append(study, TinyRuns.second("platform-thread", 1));
        hub.poll();
        assertThat(seen).hasSize(4).last().isEqualTo("line " + LiveFeed.line(TinyRuns.second("platform-thread", 1)));
        hub.poll();
        assertThat(seen).as("nothing new, nothing sent").hasSize(4);
        TinyRuns.append(study, new LiveEvent.Ended("completed", null));
        hub.poll();
        assertThat(seen.subList(4, 6)).containsExactly("line {\"type\":\"ended\",\"outcome\":\"completed\"}",
                "state {\"state\":\"completed\"}");
    }

    @Test
    void clientsShareOneTailAndAFeedNobodyWatchesIsNotRead() throws Exception {
        TinyRuns.append(study, TinyRuns.started("s"));
        FeedHub.Listener[] a = new FeedHub.Listener[1];
        FeedHub.Listener[] b = new FeedHub.Listener[1];
        List<String> seenA = recorder(new ArrayList<>(), a);
        List<String> seenB = recorder(new ArrayList<>(), b);
        Runnable endA = hub.subscribe(study, a[0]);
        TinyRuns.append(study, TinyRuns.second("busy-poll", 0));
        hub.poll();
        Runnable endB = hub.subscribe(study, b[0]);

        assertThat(hub.tailed()).isEqualTo(1);
        assertThat(seenB).as("the second client gets the same lines, from the shared tail")
                .containsExactlyElementsOf(List.of(seenA.get(0), seenA.get(2), seenA.get(1)));
        endA.run();
        assertThat(hub.tailed()).isEqualTo(1);
        endB.run();
        assertThat(hub.tailed()).isZero();
    }

    @Test
    void aFeedWhoseProcessDiedWithoutAnEndIsCutShort() throws Exception {
        TinyRuns.append(study, TinyRuns.started("s"), TinyRuns.second("busy-poll", 0));
        List<String> seen = new ArrayList<>();
        hub.subscribe(study, (name, json) -> seen.add(name + " " + json));
        alive.set(false);
        hub.poll();
        assertThat(seen).last().isEqualTo("state {\"state\":\"cut-short\"}");
    }
}
