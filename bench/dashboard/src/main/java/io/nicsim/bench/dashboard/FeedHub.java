package io.nicsim.bench.dashboard;

import io.nicsim.bench.results.LiveEvent;
import io.nicsim.bench.results.LiveFeed;
import io.nicsim.bench.results.LiveFeedReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tails the live feeds clients watch: one {@link LiveFeedReader} per feed, shared by every client watching it, polled
 * every {@value #POLL_MILLIS} ms on the hub's own thread. A client that subscribes gets the feed's lines so far, then
 * each new one as it is read, then the feed's state whenever it changes ({@link FeedStatus}: live, ended, cut short).
 * A feed nobody watches is not read. Trade-off: a poll, not a file watch: a line reaches the page up to a poll late,
 * but a feed on any file system (NFS, a container's volume) is seen the same way.
 */
public final class FeedHub implements AutoCloseable {

    /** How often the feeds being watched are read. */
    public static final long POLL_MILLIS = 300;
    /** The name of the events that carry a feed's line (its JSON as written). */
    public static final String LINE = "line";
    /** The name of the events that carry the feed's state ({@code {"state": "live"}}). */
    public static final String STATE = "state";

    /** Where a subscriber's events go; called on the hub's thread or the subscribing one, never at once. */
    @FunctionalInterface
    public interface Listener {
        /** @param name {@link #LINE} or {@link #STATE}; {@code json} the event's data */
        void event(String name, String json);
    }

    private final ProcessCheck processes;
    private final Map<Path, Tail> tails = new HashMap<>();
    private ScheduledExecutorService timer;

    /** @param processes tells whether a feed's process still runs */
    public FeedHub(ProcessCheck processes) {
        this.processes = processes;
    }

    /** Starts polling on the hub's own daemon thread. */
    public synchronized FeedHub start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("nicsim-feeds")
                    .factory());
            timer.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * @param folder a study's folder (its feed is {@value LiveFeed#FILE_NAME} there)
     * @return what ends the subscription
     */
    public synchronized Runnable subscribe(Path folder, Listener listener) {
        Path feed = folder.resolve(LiveFeed.FILE_NAME);
        Tail tail = tails.computeIfAbsent(feed, Tail::new);
        if (tail.listeners.isEmpty()) {
            tail.read(processes); // a new tail reads the lines so far
        }
        for (String line : tail.lines) {
            listener.event(LINE, line);
        }
        listener.event(STATE, stateJson(tail.state));
        tail.listeners.add(listener);
        return () -> unsubscribe(feed, listener);
    }

    private synchronized void unsubscribe(Path feed, Listener listener) {
        Tail tail = tails.get(feed);
        if (tail != null && tail.listeners.remove(listener) && tail.listeners.isEmpty()) {
            tails.remove(feed);
        }
    }

    /** @return how many feeds are being tailed */
    public synchronized int tailed() {
        return tails.size();
    }

    /** Reads every watched feed once and tells its subscribers what is new. */
    public synchronized void poll() {
        for (Tail tail : tails.values()) {
            int before = tail.lines.size();
            String state = tail.state;
            tail.read(processes);
            for (Listener listener : tail.listeners) {
                for (String line : tail.lines.subList(before, tail.lines.size())) {
                    listener.event(LINE, line);
                }
                if (!tail.state.equals(state)) {
                    listener.event(STATE, stateJson(tail.state));
                }
            }
        }
    }

    private static String stateJson(String state) {
        return "{\"state\":\"" + state + "\"}";
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        tails.clear();
    }

    /** One feed's reader, its lines so far and its state. */
    private static final class Tail {
        private final LiveFeedReader reader;
        private final List<String> lines = new ArrayList<>();
        private final Set<Listener> listeners = new LinkedHashSet<>();
        private LiveEvent.Started started;
        private LiveEvent.Ended ended;
        private String state = FeedStatus.STARTING;

        Tail(Path feed) {
            this.reader = new LiveFeedReader(feed);
        }

        void read(ProcessCheck processes) {
            try {
                for (LiveEvent event : reader.poll()) {
                    if (event instanceof LiveEvent.Started first && started == null) {
                        started = first;
                    } else if (event instanceof LiveEvent.Ended last) {
                        ended = last;
                    }
                    lines.add(LiveFeed.line(event));
                }
            } catch (IOException e) {
                // a feed that cannot be read now is read again at the next poll
            }
            state = FeedStatus.state(started, ended, processes);
        }
    }
}
