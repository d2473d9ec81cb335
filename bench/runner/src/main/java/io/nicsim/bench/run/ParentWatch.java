package io.nicsim.bench.run;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Stops a run when the process that started it is gone ({@code nicsim run --exit-with-parent}, which a cluster
 * worker's runs get): a worker killed with {@code kill -9} leaves no run behind. The parent is looked at every
 * {@value #PERIOD_MILLIS} ms from a daemon thread (the JDK's own wait on a process that is not a child backs off to 5
 * s); when it is gone the run stops as on Ctrl-C ({@link StopSignal#request()}): the traffic stops, what is in flight
 * drains, what ran is written, the staged queues are cleaned.
 */
public final class ParentWatch {

    /** How often the parent is looked at. */
    public static final long PERIOD_MILLIS = 250;
    /**
     * The environment variable naming the parent's pid, set by whoever starts the run (a cluster worker): a run whose
     * parent died before it looked sees so at once, instead of watching whatever process adopted it.
     */
    public static final String PARENT_PID_ENV = "NICSIM_PARENT_PID";

    private ParentWatch() {
    }

    /**
     * Watches this process's parent: the pid {@value #PARENT_PID_ENV} names, else the parent it has now.
     *
     * @param stop where the stop goes
     * @param err  where the one line saying so goes
     */
    public static void install(StopSignal stop, PrintWriter err) {
        String named = System.getenv(PARENT_PID_ENV);
        long pid;
        Optional<ProcessHandle> parent;
        try {
            pid = named != null ? Long.parseLong(named.strip()) : ProcessHandle.current().parent().map(
                    ProcessHandle::pid).orElse(-1L);
            parent = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        } catch (NumberFormatException e) {
            return; // not a pid: nothing to watch
        }
        long parentPid = pid;
        watch(() -> parent.isPresent() && parent.get().isAlive(), () -> {
            err.println("the process that started this run (pid " + parentPid + ") is gone: stopping the traffic"
                    + " and draining packets in flight, as on Ctrl-C");
            err.flush();
            stop.request();
        });
    }

    /** Runs {@code onGone} once, from a daemon thread, when {@code alive} first says false. */
    static Thread watch(BooleanSupplier alive, Runnable onGone) {
        return Thread.ofPlatform().daemon().name("nicsim-parent-watch").start(() -> {
            try {
                while (alive.getAsBoolean()) {
                    Thread.sleep(PERIOD_MILLIS);
                }
                onGone.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
