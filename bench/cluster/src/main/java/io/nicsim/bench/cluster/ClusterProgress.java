package io.nicsim.bench.cluster;

import io.nicsim.bench.run.Progress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What a coordinator shows while a study runs on the cluster, one line per event: workers joining and leaving,
 * refusals, each item starting (on which worker), requeued, done or failed, each with the study's state: done,
 * running, failed, left and the ETA. The ETA is the work left (items left, and what the running ones have left, at
 * the mean duration of the items done so far) over the slots in use; "ETA unknown" before the first item is done.
 * The dispatcher calls it on its event-loop thread, the study on its own: every method is synchronized and only
 * prints. Nothing is shown under {@code --quiet} ({@link Progress.Mode#QUIET}).
 */
public final class ClusterProgress implements DispatchListener {

    private record Running(String worker, long startNanos) {
    }

    private final Progress out;
    private final LongSupplier nanoTime;
    private final Map<Integer, Running> running = new LinkedHashMap<>();
    private IntSupplier slots = () -> 1;
    private int total;
    private int done;
    private int failed;
    private int settled;
    private long doneNanos;
    private int timed;

    /**
     * @param out      where the lines go (its mode decides whether they are shown)
     * @param nanoTime the clock durations are measured with ({@code System::nanoTime}; a manual one in tests)
     */
    public ClusterProgress(Progress out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
    }

    /**
     * A study of {@code items} items begins.
     *
     * @param slotsInCluster how many items the cluster runs at once now ({@link Dispatcher#slots})
     */
    public synchronized void start(int items, IntSupplier slotsInCluster) {
        total = items;
        slots = slotsInCluster;
    }

    /** Items found complete in the folder: they count as done and are not run again. */
    public synchronized void resumed(List<WorkItem> items, String where) {
        if (items.isEmpty()) {
            return;
        }
        settled += items.size();
        done += items.size();
        line("resuming: " + items.size() + " of " + total + " already complete in " + where + " (not run again)");
    }

    /** Prints a line (unless quiet). */
    public synchronized void line(String text) {
        out.line(text);
    }

    /**
     * An item's figures, once its folder is read back (on the study's thread, so after its "done" line and perhaps
     * after other items' lines): tagged with the item, so it reads right wherever it falls.
     */
    public synchronized void result(WorkItem item, String figures) {
        line(tag(item) + figures);
    }

    @Override
    public synchronized void workerJoined(WorkerInfo worker) {
        line(String.format(Locale.ROOT, "worker joined: %s (%d paced slot%s, %d cores, %s)", worker.name(),
                worker.slots(), worker.slots() == 1 ? "" : "s", worker.cores(), worker.cpu()));
    }

    @Override
    public synchronized void workerLeft(WorkerInfo worker, String reason) {
        line("worker left: " + worker.name() + " (" + reason + ")");
    }

    @Override
    public synchronized void refused(String line) {
        line("refused: " + line);
    }

    @Override
    public synchronized void started(WorkItem item, Attempt attempt) {
        running.put(item.index(), new Running(attempt.worker(), nanoTime.getAsLong()));
        line(tag(item) + "running on " + attempt.worker() + (attempt.number() > 1 ? " (try " + attempt.number() + ")"
                : "") + "   " + state());
    }

    @Override
    public synchronized void requeued(WorkItem item, Attempt attempt) {
        running.remove(item.index());
        line(tag(item) + attempt.outcome() + " on " + attempt.worker() + (attempt.reason() == null ? ""
                : " (" + attempt.reason() + ")") + ", queued again   " + state());
    }

    @Override
    public synchronized void finished(ItemResult result) {
        Running was = running.remove(result.item().index());
        settled++;
        switch (result.status()) {
            case ItemResult.DONE -> {
                done++;
                if (was != null) {
                    doneNanos += nanoTime.getAsLong() - was.startNanos();
                    timed++;
                }
                line(tag(result.item()) + "done on " + result.worker() + (was == null ? ""
                        : " in " + seconds(nanoTime.getAsLong() - was.startNanos())) + "   " + state());
            }
            case ItemResult.FAILED -> {
                failed++;
                Attempt last = result.attempts().isEmpty() ? null : result.attempts().getLast();
                line(tag(result.item()) + "failed on every try" + (last == null || last.reason() == null ? ""
                        : " (last: " + last.reason() + ")") + "   " + state());
            }
            default -> {
                // not run: the study stopped; the summary line says how many ran
            }
        }
    }

    /** @return {@code 3 done, 2 running, 0 failed, 7 left; ETA 1m05s} */
    public synchronized String state() {
        int left = Math.max(0, total - settled - running.size());
        long eta = etaNanos();
        return String.format(Locale.ROOT, "%d done, %d running, %d failed, %d left; %s", done, running.size(), failed,
                left, eta < 0 ? "ETA unknown" : "ETA " + Progress.clock(eta));
    }

    /** @return the time left, or -1 before the first item was done here */
    synchronized long etaNanos() {
        if (timed == 0) {
            return -1;
        }
        long mean = doneNanos / timed;
        long now = nanoTime.getAsLong();
        int left = Math.max(0, total - settled - running.size());
        long work = left * mean;
        for (Running r : running.values()) {
            work += Math.max(0, mean - (now - r.startNanos()));
        }
        int inUse = Math.max(1, Math.min(slots.getAsInt(), left + running.size()));
        return work / inUse;
    }

    private String tag(WorkItem item) {
        return "[" + (item.index() + 1) + "/" + total + "] " + item.label() + ": ";
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }
}
