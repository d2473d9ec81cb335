package io.nicsim.bench.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a work item on a worker: {@link ChildJvmRunner} runs {@code nicsim run} in a fresh JVM, as users have it; a
 * test's runner writes a run folder without running anything.
 */
public interface ItemRunner {

    /**
     * Starts the item; returns once it started.
     *
     * @param item    what to run
     * @param itemDir an empty folder of its own (its scenario, its log); the run folder is {@link Running#runDir()}
     * @throws IOException when it cannot be started
     */
    Running start(WorkItem item, Path itemDir) throws IOException;

    /**
     * An item running.
     *
     * @param runDir  the run folder it writes (what is sent back)
     * @param exited  completes when it ended, with how
     * @param stopper stops it: asked to stop (it writes what it ran), killed after the grace period; idempotent, at
     *                once
     */
    record Running(Path runDir, CompletableFuture<Outcome> exited, Runnable stopper) {

        /** Stops it ({@link #stopper}). */
        public void stop() {
            stopper.run();
        }
    }

    /**
     * How a run ended.
     *
     * @param exitCode its exit code
     * @param lastLine the last line it printed (why it failed), or ""
     */
    record Outcome(int exitCode, String lastLine) {

        /** {@code nicsim run}'s exit code when its disk watch cut it short: its results are still whole. */
        public static final int CUT_SHORT = 4;

        /** @return whether it wrote a whole run folder (exit 0, or 4: cut short for want of disk space) */
        public boolean ran() {
            return exitCode == 0 || exitCode == CUT_SHORT;
        }
    }
}
