package io.nicsim.bench.run;

import io.nicsim.bench.results.CutShort;

/**
 * A request to stop a study early, polled by the runner between its steps: the traffic stops (packets not yet due are
 * not generated), what is in flight drains, and the results of what ran are written. Asked for by the user (Ctrl-C,
 * SIGTERM: {@link #request()}) or by a {@link DiskWatch} it polls in {@link #requested()} (a filesystem the run
 * writes to below its floor: {@link #cutShort()} then says which).
 */
public final class StopSignal {

    private volatile boolean requested;
    private volatile boolean byUser;
    private volatile CutShort cutShort;
    private volatile DiskWatch watch;

    /** Asks the runner to stop; idempotent, any thread. */
    public void request() {
        byUser = true;
        requested = true;
    }

    /**
     * Stops because a run elsewhere (a child JVM, with a watch of its own) was cut short for want of disk space: the
     * study stops as if its own watch had seen it. Idempotent; keeps the first reason.
     */
    public void cutShort(CutShort why) {
        if (cutShort == null) {
            cutShort = why;
        }
        requested = true;
    }

    /** Polls {@code diskWatch} on every {@link #requested()} from now on (it spaces its own looks). */
    public StopSignal watching(DiskWatch diskWatch) {
        watch = diskWatch;
        return this;
    }

    /** @return whether a stop was asked for, by the user or by the disk watch (looked at now if it is due) */
    public boolean requested() {
        if (requested) {
            return true;
        }
        DiskWatch w = watch;
        CutShort why = w == null ? null : w.check();
        if (why != null) {
            cutShort = why;
            requested = true;
        }
        return requested;
    }

    /** @return whether the user asked to stop (a signal), whatever the disk watch said */
    public boolean requestedByUser() {
        return byUser;
    }

    /** @return why the disk watch stopped the study, or null if it did not */
    public CutShort cutShort() {
        return cutShort;
    }
}
