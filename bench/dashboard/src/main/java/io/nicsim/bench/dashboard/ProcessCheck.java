package io.nicsim.bench.dashboard;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Whether the process that writes a live feed still runs. */
@FunctionalInterface
public interface ProcessCheck {

    /** How much later than the feed's start its process may say it started (clock reads, rounding). */
    long START_SLACK_SECONDS = 5;

    /**
     * This machine's processes: {@code pid} is alive and started no later than the feed says the study started, so a
     * pid the OS gave to a newer process is not taken for the study's (a process whose start time the OS does not say
     * is taken for it).
     */
    ProcessCheck SYSTEM = (pid, startedAt) -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
            .map(process -> process.info().startInstant().map(start -> notAfter(start, startedAt)).orElse(true))
            .orElse(false);

    /**
     * @param pid       the process the feed's started line names
     * @param startedAt when the feed says the study started (ISO-8601)
     * @return whether it still runs
     */
    boolean alive(long pid, String startedAt);

    private static boolean notAfter(Instant processStart, String startedAt) {
        try {
            return !processStart.isAfter(Instant.parse(startedAt).plusSeconds(START_SLACK_SECONDS));
        } catch (DateTimeParseException | NullPointerException e) {
            return true;
        }
    }
}
