package io.nicsim.bench.run;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a study: the first asks the runner to stop ({@link StopSignal}), which ends
 * the traffic, drains what is in flight, writes the results of what ran with {@code "interrupted": true} and exits
 * {@value #EXIT_CODE}; a second one exits at once (the results of the run in progress are lost, a staged queue
 * may be left in {@code /dev/shm}). Handlers are installed with {@code sun.misc.Signal}, in place of the JVM's
 * (which would exit without writing anything), and the previous ones are put back on {@link #close()}.
 */
public final class Interruption implements AutoCloseable {

    /** Exit code of an interrupted command: 128 + SIGINT, as shells report it. */
    public static final int EXIT_CODE = 130;

    private static final String[] SIGNALS = {"INT", "TERM"};

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private Interruption() {
    }

    /**
     * @param stop where the first signal goes
     * @param err  where the one-line notice goes
     */
    public static Interruption install(StopSignal stop, PrintWriter err) {
        SignalHandler handler = signal -> {
            if (stop.requestedByUser()) {
                Runtime.getRuntime().halt(EXIT_CODE);
            }
            stop.request();
            err.println();
            err.println("interrupted (SIG" + signal.getName()
                    + "): stopping the traffic and draining packets in flight; press Ctrl-C again to exit at once");
            err.flush();
        };
        return handling(handler);
    }

    /**
     * Installs {@code handler} for Ctrl-C (SIGINT) and SIGTERM, for commands that stop in their own way (a worker, the
     * dashboard's server); {@link #close()} puts the previous handlers back.
     */
    public static Interruption handling(SignalHandler handler) {
        Interruption installed = new Interruption();
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                installed.previous.put(signal, Signal.handle(signal, handler));
            } catch (IllegalArgumentException e) {
                // the signal is not available here (or the JVM runs with -Xrs): the default behaviour stays
            }
        }
        return installed;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
        previous.clear();
    }
}
