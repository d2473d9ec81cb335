package io.nicsim.bench.run;

import io.nicsim.bench.scenario.Units;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * What a study shows while it runs. {@link Mode#TERMINAL}: the usual lines, plus a live bar (a {@code \r} line
 * redrawn a few times a second) during runs of {@value #LIVE_FROM_SECONDS} s or more and during sweeps, with the
 * time left; {@link Mode#PLAIN} (output is not a terminal): lines only, one per run and per sweep point, each with
 * the time left; {@link Mode#QUIET} ({@code --quiet}): nothing. The runner calls {@link #tick()} when it wakes
 * anyway (every 50 ms while traffic plays), so showing progress adds no wake-up of its own.
 */
public final class Progress {

    /** How progress is shown. */
    public enum Mode { TERMINAL, PLAIN, QUIET }

    /** Runs at least this long get a live bar on a terminal. */
    public static final long LIVE_FROM_SECONDS = 3;
    private static final long LIVE_FROM_NANOS = LIVE_FROM_SECONDS * 1_000_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR_WIDTH = 24;

    private final PrintWriter out;
    private final Mode mode;

    private int pointCount;
    private int pointIndex = -1;
    private String pointLabel = "";
    private long sweepStartNanos;
    private long plannedTotalNanos;
    private long plannedDoneNanos;
    private long elapsedAtLastPointNanos;
    private long pointStartNanos;
    private long pointPlannedNanos;

    private String runLabel;
    private long runStartNanos;
    private long runPlannedNanos;
    private boolean barShown;
    private long lastDrawNanos;

    public Progress(PrintWriter out, Mode mode) {
        this.out = out;
        this.mode = mode;
    }

    /** @return quiet if asked, else a terminal if the JVM has one, else plain lines */
    public static Progress detect(PrintWriter out, boolean quiet) {
        java.io.Console console = System.console();
        return new Progress(out, quiet ? Mode.QUIET
                : console != null && console.isTerminal() ? Mode.TERMINAL : Mode.PLAIN);
    }

    /** Progress that shows nothing (tests, tools). */
    public static Progress none() {
        return new Progress(new PrintWriter(PrintWriter.nullWriter()), Mode.QUIET);
    }

    public Mode mode() {
        return mode;
    }

    /** Prints a line unless quiet (above the live bar, which is redrawn on the next tick). */
    public void line(String text) {
        if (mode == Mode.QUIET) {
            return;
        }
        clearBar();
        out.println(text);
        out.flush();
    }

    /** A sweep begins: {@code points} points planned to take {@code plannedNanos} of traffic in all. */
    public void startSweep(int points, long plannedNanos) {
        pointCount = points;
        plannedTotalNanos = Math.max(1, plannedNanos);
        sweepStartNanos = System.nanoTime();
    }

    /** A sweep point begins. */
    public void startPoint(int index, String label, long plannedNanos) {
        pointIndex = index;
        pointLabel = label;
        pointStartNanos = System.nanoTime();
        pointPlannedNanos = plannedNanos;
        line(String.format(Locale.ROOT, "[%d/%d] %s%s", index + 1, pointCount, label,
                index == 0 ? "" : "  (elapsed " + clock(pointStartNanos - sweepStartNanos) + ", about "
                        + clock(etaNanos(pointStartNanos)) + " left)"));
    }

    /** A sweep point ended; {@code summary} is printed as its result line. */
    public void endPoint(String summary) {
        plannedDoneNanos += pointPlannedNanos;
        elapsedAtLastPointNanos = System.nanoTime() - sweepStartNanos;
        line(summary);
    }

    /** One consumer run begins. */
    public void startRun(int index, int count, String label, long warmupNanos, long durationNanos) {
        runLabel = label;
        runStartNanos = System.nanoTime();
        runPlannedNanos = ConsumerRun.plannedNanos(warmupNanos, durationNanos);
        line(String.format(Locale.ROOT, "%s[%d/%d] %-16s %s warm-up + %s measured ...", pointIndex >= 0 ? "      " : "",
                index + 1, count, label, Units.describeDuration(warmupNanos), Units.describeDuration(durationNanos)));
    }

    /** The run in progress ended. */
    public void endRun() {
        clearBar();
        runLabel = null;
    }

    /** Redraws the live bar if it is due; cheap otherwise. Runner thread. */
    public void tick() {
        if (mode != Mode.TERMINAL || runLabel == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDrawNanos < REDRAW_NANOS || (pointIndex < 0 && runPlannedNanos < LIVE_FROM_NANOS)) {
            return;
        }
        lastDrawNanos = now;
        long inRun = now - runStartNanos;
        String text;
        if (pointIndex < 0) {
            text = String.format(Locale.ROOT, "  %s %s %s / %s", bar((double) inRun / runPlannedNanos), runLabel,
                    seconds(inRun), seconds(runPlannedNanos));
        } else {
            double done = (plannedDoneNanos + Math.min(now - pointStartNanos,
                    pointPlannedNanos)) / (double) plannedTotalNanos;
            text = String.format(Locale.ROOT, "  %s %d/%d done  %s  %s %s  elapsed %s  ETA %s", bar(done),
                    pointIndex, pointCount, pointLabel, runLabel, seconds(inRun), clock(now - sweepStartNanos),
                    clock(etaNanos(now)));
        }
        out.print("\r" + text + "\033[K");
        out.flush();
        barShown = true;
    }

    /** Time left in the sweep: the planned time left, scaled by how long the points done really took. */
    private long etaNanos(long now) {
        long remainingPlanned = plannedTotalNanos - plannedDoneNanos;
        double scale = plannedDoneNanos > 0 ? (double) elapsedAtLastPointNanos / plannedDoneNanos : 1.0;
        long inPoint = pointIndex >= 0 && now > pointStartNanos ? now - pointStartNanos : 0;
        return Math.max(0, (long) (remainingPlanned * scale) - inPoint);
    }

    private void clearBar() {
        if (barShown) {
            out.print("\r\033[K");
            out.flush();
            barShown = false;
        }
    }

    private static String bar(double fraction) {
        int filled = (int) Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }

    /** @return 41s, 3m05s or 1h02m */
    public static String clock(long nanos) {
        long s = Math.max(0, (nanos + 500_000_000L) / 1_000_000_000L);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
