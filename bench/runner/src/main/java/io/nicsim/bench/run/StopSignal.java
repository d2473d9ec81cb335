package io.nicsim.bench.run;

/**
 * A request to stop a study early (Ctrl-C, SIGTERM), polled by the runner between its steps: the traffic stops
 * (packets not yet due are not generated), what is in flight drains, and the results of what ran are written.
 */
public final class StopSignal {

    private volatile boolean requested;

    /** Asks the runner to stop; idempotent, any thread. */
    public void request() {
        requested = true;
    }

    /** @return whether a stop was asked for */
    public boolean requested() {
        return requested;
    }
}
