package io.nicsim.host.handler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What went wrong in a run's handler: packets it failed (threw, or {@code Completion.fail}) with the first error's one
 * line, and packets still in it when the run stopped waiting (its drain timeout), with where the threads in it stood.
 * Errors are counted from any thread (an atomic add; the line is made only for the first error); the rest is filled
 * by the runner's thread at the end.
 */
public final class HandlerFaults {

    /** The most stuck threads listed one by one; more are summed up in one line. */
    static final int STUCK_LISTED = 16;

    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicLong timeouts = new AtomicLong();
    private final List<String> stuckThreads = new ArrayList<>();
    private long completionsNeverCame;
    private volatile String closeError;

    /** Any thread: a packet the handler failed. */
    void error(Throwable error) {
        errors.incrementAndGet();
        if (firstError.get() == null) {
            firstError.compareAndSet(null, HandlerSource.describe(error));
        }
    }

    /** The runner: a packet a thread was handling when the run stopped waiting ({@code where}: thread, frame). */
    synchronized void stuck(String where) {
        timeouts.incrementAndGet();
        stuckThreads.add(where);
    }

    /** The runner: a packet whose completion had not come when the run stopped waiting. */
    synchronized void completionNeverCame() {
        timeouts.incrementAndGet();
        completionsNeverCame++;
    }

    void closeFailed(String line) {
        closeError = line;
    }

    /** @return packets the handler failed ({@code handler-error}), so far */
    public long errors() {
        return errors.get();
    }

    /** @return the first failure, {@code SimpleName: message} on one line, or null */
    public String firstError() {
        return firstError.get();
    }

    /** @return packets still in the handler when the run stopped waiting ({@code handler-timeout}) */
    public long timeouts() {
        return timeouts.get();
    }

    /** @return whether a thread was left inside the handler */
    public synchronized boolean anyThreadStuck() {
        return !stuckThreads.isEmpty();
    }

    /**
     * @return one line per thread that was inside the handler ({@code THREAD at FRAME}, at most {@value #STUCK_LISTED}
     *         and then how many more), and one for the completions that never came; empty if none
     */
    public synchronized List<String> stuck() {
        List<String> lines = new ArrayList<>(stuckThreads.subList(0, Math.min(STUCK_LISTED, stuckThreads.size())));
        if (stuckThreads.size() > STUCK_LISTED) {
            lines.add("and " + (stuckThreads.size() - STUCK_LISTED) + " more threads");
        }
        if (completionsNeverCame > 0) {
            lines.add(completionsNeverCame + (completionsNeverCame == 1 ? " completion" : " completions")
                    + " never came");
        }
        return lines;
    }

    /** @return what the handler's {@code close()} threw, one line, or null */
    public String closeError() {
        return closeError;
    }
}
