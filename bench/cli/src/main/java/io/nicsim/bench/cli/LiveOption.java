package io.nicsim.bench.cli;

import io.nicsim.bench.results.LiveEvent;
import io.nicsim.bench.results.LiveFeed;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.run.LiveTarget;
import io.nicsim.bench.run.Progress;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.scenario.Scenario;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code --live} of {@code run}, {@code sweep}, {@code compare} and {@code tune}: the study writes its live feed,
 * {@value LiveFeed#FILE_NAME} in its output folder, which {@code nicsim serve} tails. The feed is opened once every
 * check of the input passed (a study refused writes none), {@link LiveEvent.Started} first and {@link LiveEvent.Ended}
 * last whatever happens; the runs write their seconds ({@link LiveTarget}) and the sweep's, tune's or comparison's
 * points as they finish. Without {@code --live} nothing is opened and the runs sample nothing.
 */
public final class LiveOption {

    /** What the feed's {@link LiveEvent.Ended} says. */
    static final String COMPLETED = "completed";
    static final String INTERRUPTED = "interrupted";
    static final String FAILED = "failed";

    @Option(names = "--live", description = "stream per-second figures to " + LiveFeed.FILE_NAME + " in the output"
            + " folder, for `nicsim serve`: each consumer run's seconds as they settle (p50, p99, p99.9, interrupts,"
            + " drops, consumer CPU, platform jitter) and each point as it finishes. With --cluster only the study's"
            + " start, each point as it finishes and its end: the seconds are measured on the workers")
    boolean live;

    /** A study's work, given its feed ({@link LiveFeed#NONE} without {@code --live}). */
    @FunctionalInterface
    interface Study {
        /** @return the command's exit code */
        int run(LiveFeed feed) throws Exception;
    }

    /**
     * Runs {@code study} with its feed. With {@code --live}: creates {@code dir} as nicsim's, replaces a feed an
     * earlier study left there, prints where the feed goes, writes {@code started}, runs the study and writes how it
     * ended:
     * completed (exit 0), interrupted (Ctrl-C, or cut short by a full disk: why), failed (the error's one line, or
     * runs that failed on every try), also when the study throws.
     *
     * @param dir the study's output folder, every check of the input passed
     * @return the study's exit code
     */
    int run(Path dir, LiveEvent.Started started, StopSignal stop, Progress progress, Study study) throws Exception {
        if (!live) {
            return study.run(LiveFeed.NONE);
        }
        RunFolder.create(dir);
        Files.deleteIfExists(dir.resolve(LiveFeed.FILE_NAME)); // a feed is one study's: it starts with its Started
        try (LiveFeed feed = LiveFeed.open(dir)) {
            progress.line("live feed: " + dir.resolve(LiveFeed.FILE_NAME) + " (nicsim serve shows it as it runs)");
            feed.write(started);
            LiveEvent.Ended ended = new LiveEvent.Ended(FAILED, "ended without saying why");
            try {
                int code = study.run(feed);
                ended = ended(code, stop);
                return code;
            } catch (Exception | Error e) {
                ended = new LiveEvent.Ended(FAILED, ErrorOutput.oneLine(e.getMessage() != null ? e.getMessage()
                        : e.toString()));
                throw e;
            } finally {
                feed.write(ended);
            }
        }
    }

    /** @return how a study that returned {@code code} ended */
    static LiveEvent.Ended ended(int code, StopSignal stop) {
        return switch (code) {
            case ExitCodes.OK -> new LiveEvent.Ended(COMPLETED, null);
            case ExitCodes.CUT_SHORT -> new LiveEvent.Ended(INTERRUPTED, "cut short: " + (stop.cutShort() != null
                    ? stop.cutShort().describe() : "a filesystem fell below its free-space floor"));
            case StudyOptions.INTERRUPTED -> new LiveEvent.Ended(INTERRUPTED, "stopped (Ctrl-C or SIGTERM)");
            case ExitCodes.FAILED -> new LiveEvent.Ended(FAILED, "runs failed on every try; the others are written");
            default -> new LiveEvent.Ended(FAILED, "exit code " + code);
        };
    }

    /**
     * @param command   run, sweep, compare or tune
     * @param scenario  the study's (base) scenario: its name, and its clock unless {@code clock} says otherwise
     * @param policies  the firmware policies it runs
     * @param consumers the consumers it runs
     * @param clock     paced or virtual
     * @param points    points planned (1 for a run or a comparison)
     * @return the feed's first line, stamped with this process and now
     */
    static LiveEvent.Started started(String command, Scenario scenario, List<String> policies, List<String> consumers,
                                     String clock, int points) {
        return new LiveEvent.Started(command, scenario.name(), String.join(",", policies.stream().distinct().toList()),
                consumers.stream().distinct().toList(), clock, ProcessHandle.current().pid(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), points);
    }
}
