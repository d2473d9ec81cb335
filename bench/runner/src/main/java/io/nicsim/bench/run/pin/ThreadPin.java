package io.nicsim.bench.run.pin;

import io.nicsim.bench.results.PlacementReport;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One thread's pin to its planned CPU: the thread runs it itself, once, as it starts (no thread can pin another
 * through the library), and whoever started the thread reads what came of it. Never throws on the pinned thread: a
 * refused pin leaves the thread where the OS scheduler puts it and says why.
 */
public final class ThreadPin implements Runnable {

    /** How long the starter waits for the thread to have pinned itself (it does so before any other work). */
    static final long WAIT_SECONDS = 30;

    private final CpuAffinity affinity;
    private final int cpu;
    private final CountDownLatch done;
    private volatile boolean pinned;
    private volatile String why;

    private ThreadPin(CpuAffinity affinity, int cpu, String why) {
        this.affinity = affinity;
        this.cpu = cpu;
        this.why = why;
        this.done = new CountDownLatch(cpu == CorePlan.NO_CPU ? 0 : 1);
    }

    /** @return a pin to {@code cpu} (the kernel's CPU number) */
    static ThreadPin to(int cpu, CpuAffinity affinity) {
        return new ThreadPin(affinity, cpu, null);
    }

    /** @return no pin: running it does nothing, and the thread's record says {@code why} */
    public static ThreadPin none(String why) {
        return new ThreadPin(null, CorePlan.NO_CPU, why);
    }

    /** Pins the calling thread, the first time; later calls, and a {@link #none} pin, do nothing. */
    @Override
    public void run() {
        if (done.getCount() == 0) {
            return;
        }
        try {
            affinity.pin(cpu);
            pinned = true;
        } catch (RuntimeException | LinkageError e) {
            why = "CPU " + cpu + " refused: " + e.getMessage();
        } finally {
            done.countDown();
        }
    }

    /**
     * Waits until the thread ran the pin (at most {@value #WAIT_SECONDS} s).
     *
     * @return the thread's record: its CPU, or why it has none
     */
    public PlacementReport.ThreadPlacement placement(String thread, List<String> agents, String waitsBy)
            throws InterruptedException {
        if (!done.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            return PlacementReport.ThreadPlacement.unpinned(thread, agents, waitsBy,
                    "did not pin itself within " + WAIT_SECONDS + " s");
        }
        return pinned ? new PlacementReport.ThreadPlacement(thread, agents, waitsBy, cpu, null)
                : PlacementReport.ThreadPlacement.unpinned(thread, agents, waitsBy, why);
    }

    /** @return why a planned pin did not take, or null (taken, not yet run, or none planned) */
    String refused() {
        return cpu != CorePlan.NO_CPU && done.getCount() == 0 && !pinned ? why : null;
    }
}
