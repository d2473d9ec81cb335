package io.nicsim.bench.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An item runner that runs nothing: it writes a {@link TinyRunFolder} and exits 0 at once, or, for the indexes it
 * holds, only when released (exit 0) or stopped (exit 130); an index it fails exits 1 with a last line. Every start
 * is queued in {@link #started}, for tests to wait on.
 */
final class FakeRunner implements ItemRunner {

    final BlockingQueue<Start> started = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> stopped = new LinkedBlockingQueue<>();
    private final Set<Integer> held = ConcurrentHashMap.newKeySet();
    private final Set<Integer> failing = ConcurrentHashMap.newKeySet();
    private final Map<Integer, CompletableFuture<Outcome>> holding = new ConcurrentHashMap<>();

    /** A start: which item, and its run folder. */
    record Start(WorkItem item, Path runDir) {
    }

    /** Items of {@code index} wait until {@link #release} (or a stop). */
    FakeRunner hold(int index) {
        held.add(index);
        return this;
    }

    /** Items of {@code index} exit 1. */
    FakeRunner fail(int index) {
        failing.add(index);
        return this;
    }

    /** Lets the held items of {@code index} end (they exit 0 with their folder written). */
    void release(int index) {
        held.remove(index);
        CompletableFuture<Outcome> waiting = holding.remove(index);
        if (waiting != null) {
            waiting.complete(new Outcome(0, ""));
        }
    }

    @Override
    public Running start(WorkItem item, Path itemDir) throws IOException {
        Path runDir = itemDir.resolve(item.folder());
        CompletableFuture<Outcome> exited = new CompletableFuture<>();
        if (failing.contains(item.index())) {
            exited.complete(new Outcome(1, "error: the fake run of item " + item.index() + " failed"));
        } else {
            TinyRunFolder.write(runDir, item.command());
            if (held.contains(item.index())) {
                holding.put(item.index(), exited);
            } else {
                exited.complete(new Outcome(0, ""));
            }
        }
        started.add(new Start(item, runDir));
        return new Running(runDir, exited, () -> {
            stopped.add(item.index());
            exited.complete(new Outcome(130, "interrupted"));
        });
    }
}
