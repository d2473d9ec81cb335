package io.nicsim.bench.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The coordinator's bookkeeping, without any networking: items waiting (in index order), tries running (by token),
 * workers present; what happens on a result, a failure, a lost worker, a silent one, a stop. Not thread-safe: the
 * coordinator calls it on its event loop only. Tells its {@link DispatchListener} as things happen (on the caller's
 * thread) and completes the items' futures through {@code completions}.
 */
final class DispatchBook {

    /** Tries that fail (a run that exits non-zero, a result refused) before an item fails for good. */
    static final int MAX_FAILED_TRIES = 2;
    /** Tries lost (the worker died, left or went silent) before an item fails for good. */
    static final int MAX_LOST_TRIES = 3;

    private final String version;
    private final DispatchListener listener;
    private final Executor completions;
    private final LongSupplier clockMillis;

    private final TreeSet<Entry> waiting = new TreeSet<>(Comparator.<Entry>comparingInt(e -> e.item.index())
            .thenComparingLong(e -> e.sequence));
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Map<String, Running> past = new HashMap<>();
    private final Map<String, WorkerInfo> present = new LinkedHashMap<>();
    private final List<WorkerInfo> met = new ArrayList<>();
    private long sequence;
    private boolean stopped;

    /**
     * @param version     the version workers must run ({@link NicsimVersion#current()})
     * @param listener    told what happens
     * @param completions where the items' futures complete (not the event loop: their callers may block)
     * @param clockMillis wall-clock milliseconds
     */
    DispatchBook(String version, DispatchListener listener, Executor completions, LongSupplier clockMillis) {
        this.version = version;
        this.listener = listener;
        this.completions = completions;
        this.clockMillis = clockMillis;
    }

    /** A try handed to a worker: the token its messages carry, the item, the try's number. */
    record Grant(String token, WorkItem item, Path dest, int attempt, String workerId) {
    }

    /** @return the item's future: completes when it is settled (at once, not run, after {@link #stop}) */
    CompletableFuture<ItemResult> submit(WorkItem item, Path dest) {
        Entry entry = new Entry(item, dest, sequence++);
        if (stopped) {
            settle(entry, ItemResult.NOT_RUN, null);
        } else {
            waiting.add(entry);
        }
        return entry.future;
    }

    /** @return null when the worker is welcome (told as joined the first time), else the one-line refusal */
    String hello(WorkerInfo worker) {
        if (!version.equals(worker.version())) {
            String line = "refused worker " + worker.name() + ": it runs nicsim " + worker.version()
                    + ", this coordinator " + version;
            listener.refused(line);
            return line;
        }
        if (!present.containsKey(worker.id())) {
            present.put(worker.id(), worker);
            met.add(worker);
            listener.workerJoined(worker);
        }
        return null;
    }

    /** @return whether the worker passed the handshake and is still there */
    boolean knows(String workerId) {
        return present.containsKey(workerId);
    }

    /**
     * @param paced   whether the worker has a free slot for a paced item
     * @param virtual whether it has one for a virtual-time item
     * @return the first waiting item (by index) it may run, started on it; null when none
     */
    Grant ask(String workerId, boolean paced, boolean virtual) {
        WorkerInfo worker = present.get(workerId);
        if (stopped || worker == null) {
            return null;
        }
        for (Iterator<Entry> it = waiting.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            boolean fits = entry.item.virtual() ? virtual : paced;
            if (fits && !entry.failedOn.contains(workerId)) {
                it.remove();
                Running run = new Running(UUID.randomUUID().toString(), entry, worker, ++entry.tries,
                        clockMillis.getAsLong());
                running.put(run.token, run);
                listener.started(entry.item, run.attempt(Attempt.RUNNING, null));
                return new Grant(run.token, entry.item, entry.dest, run.number, workerId);
            }
        }
        return null;
    }

    /** @return whether the try is still wanted (its lease renewed); false tells its worker to drop it */
    boolean beat(String token) {
        Running run = running.get(token);
        if (run != null) {
            run.beatMillis = clockMillis.getAsLong();
        }
        return run != null;
    }

    /** @return the running try of {@code token} (a result for it may come in), or null */
    Grant current(String token) {
        Running run = running.get(token);
        return run == null ? null : new Grant(token, run.entry.item, run.entry.dest, run.number, run.worker.id());
    }

    /**
     * A result came for a try no longer running (lost, failed, cancelled): it is ignored and recorded.
     *
     * @return the line saying why, or null when the token is not one of this coordinator's tries
     */
    String lateResult(String token) {
        Running run = past.get(token);
        if (run == null) {
            return null;
        }
        String reason = "a late result of try " + run.number + " (" + run.outcome + ")";
        Attempt attempt = new Attempt(run.number, run.worker.name(), Attempt.IGNORED, reason,
                clockMillis.getAsLong(), 0);
        if (!run.entry.future.isDone()) {
            run.entry.attempts.add(attempt);
        }
        listener.ignored(run.entry.item, attempt);
        return reason;
    }

    /**
     * The try's run folder is in place.
     *
     * @param duplicate the folder was there already: kept, the try recorded as ignored
     */
    void done(String token, boolean duplicate) {
        Running run = running.remove(token);
        if (run == null) {
            return;
        }
        end(run, duplicate ? Attempt.IGNORED : Attempt.DONE, duplicate ? run.entry.item.folder()
                + " was already in " + run.entry.dest + " (kept, not overwritten)" : null);
        settle(run.entry, ItemResult.DONE, duplicate ? null : run.worker.name());
    }

    /** The try failed (its run exited non-zero, or its result was refused): once more elsewhere, else failed. */
    void failed(String token, String reason) {
        Running run = running.remove(token);
        if (run == null) {
            return;
        }
        Attempt attempt = end(run, Attempt.FAILED, reason);
        Entry entry = run.entry;
        entry.failedOn.add(run.worker.id());
        if (++entry.failures < MAX_FAILED_TRIES && eligibleWorker(entry)) {
            requeue(entry, attempt);
        } else {
            settle(entry, ItemResult.FAILED, null);
        }
    }

    /** The try is lost (its worker died, left, stopped or went silent): it waits for another worker. */
    void lost(String token, String reason) {
        Running run = running.remove(token);
        if (run == null) {
            return;
        }
        Attempt attempt = end(run, Attempt.LOST, reason);
        if (++run.entry.losses >= MAX_LOST_TRIES) {
            settle(run.entry, ItemResult.FAILED, null);
        } else {
            requeue(run.entry, attempt);
        }
    }

    /** A worker left or died: its tries are lost, and items only it could run now fail. */
    void workerLeft(String workerId, String reason) {
        WorkerInfo worker = present.remove(workerId);
        if (worker == null) {
            return;
        }
        listener.workerLeft(worker, reason);
        for (Running run : List.copyOf(running.values())) {
            if (run.worker.id().equals(workerId)) {
                lost(run.token, "worker " + worker.name() + " " + reason);
            }
        }
        for (Entry entry : List.copyOf(waiting)) {
            if (!entry.failedOn.isEmpty() && !eligibleWorker(entry)) {
                waiting.remove(entry);
                settle(entry, ItemResult.FAILED, null);
            }
        }
    }

    /** @return the tokens of tries whose last beat is older than {@code leaseMillis}, now lost */
    List<String> expire(long leaseMillis) {
        long now = clockMillis.getAsLong();
        List<String> expired = new ArrayList<>();
        for (Running run : List.copyOf(running.values())) {
            if (now - run.beatMillis > leaseMillis) {
                expired.add(run.token);
                lost(run.token, "no heartbeat from worker " + run.worker.name() + " for "
                        + (now - run.beatMillis) / 1000 + " s (hung, or cut off)");
            }
        }
        return expired;
    }

    /** Stops: nothing starts any more; waiting items and running tries settle not-run. */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (Entry entry : List.copyOf(waiting)) {
            waiting.remove(entry);
            settle(entry, ItemResult.NOT_RUN, null);
        }
        for (Running run : List.copyOf(running.values())) {
            running.remove(run.token);
            end(run, Attempt.CANCELLED, "the study stopped");
            settle(run.entry, ItemResult.NOT_RUN, null);
        }
    }

    /** @return whether {@link #stop} was called */
    boolean stopped() {
        return stopped;
    }

    /** @return how many items wait for a worker */
    int waiting() {
        return waiting.size();
    }

    /** @return the tokens running on {@code workerId} */
    List<String> runningOn(String workerId) {
        return running.values().stream().filter(r -> r.worker.id().equals(workerId)).map(r -> r.token).toList();
    }

    /** @return the workers present now, in the order they joined */
    List<WorkerInfo> present() {
        return List.copyOf(present.values());
    }

    /** @return every worker met, in the order they joined */
    List<WorkerInfo> met() {
        return List.copyOf(met);
    }

    /** @return the slots of the workers present (their cores for virtual items), at least 1 */
    int slots(boolean virtual) {
        int sum = present.values().stream().mapToInt(w -> virtual ? w.cores() : w.slots()).sum();
        return Math.max(1, sum);
    }

    private boolean eligibleWorker(Entry entry) {
        return present.keySet().stream().anyMatch(id -> !entry.failedOn.contains(id));
    }

    private void requeue(Entry entry, Attempt attempt) {
        waiting.add(entry);
        listener.requeued(entry.item, attempt);
    }

    private Attempt end(Running run, String outcome, String reason) {
        run.outcome = outcome;
        past.put(run.token, run);
        Attempt attempt = run.attempt(outcome, reason);
        run.entry.attempts.add(attempt);
        return attempt;
    }

    private void settle(Entry entry, String status, String worker) {
        ItemResult result = new ItemResult(entry.item, status, entry.dest.resolve(entry.item.folder()), worker,
                entry.attempts);
        listener.finished(result);
        completions.execute(() -> entry.future.complete(result));
    }

    /** An item submitted, with its tries so far. */
    private static final class Entry {
        final WorkItem item;
        final Path dest;
        final long sequence;
        final CompletableFuture<ItemResult> future = new CompletableFuture<>();
        final List<Attempt> attempts = new ArrayList<>();
        final Set<String> failedOn = new HashSet<>();
        int tries;
        int failures;
        int losses;

        Entry(WorkItem item, Path dest, long sequence) {
            this.item = item;
            this.dest = dest;
            this.sequence = sequence;
        }
    }

    /** A try on a worker. */
    private final class Running {
        final String token;
        final Entry entry;
        final WorkerInfo worker;
        final int number;
        final long startedMillis;
        long beatMillis;
        String outcome = Attempt.RUNNING;

        Running(String token, Entry entry, WorkerInfo worker, int number, long startedMillis) {
            this.token = token;
            this.entry = entry;
            this.worker = worker;
            this.number = number;
            this.startedMillis = startedMillis;
            this.beatMillis = startedMillis;
        }

        Attempt attempt(String outcome, String reason) {
            return new Attempt(number, worker.name(), outcome, reason, startedMillis,
                    (clockMillis.getAsLong() - startedMillis) / 1000.0);
        }
    }
}
