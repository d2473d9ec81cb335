package io.nicsim.bench.dashboard;

import io.nicsim.bench.report.HistogramFiles;
import io.nicsim.bench.results.RunFiles;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run folder's chart data, read from each consumer run's HdrHistogram files: the percentile curve of notification
 * latency from its .hgrm on HdrHistogram's "nines" axis, and its per-second figures from its .hlog (measured seconds;
 * the warm-up left out).
 */
final class RunCurves {

    /** The nines axis ends here (99.99999%): a percentile of 1 would be infinitely far. */
    static final double MAX_NINES = 7;

    /**
     * One consumer run's curves.
     *
     * @param label       the run's label
     * @param percentiles {@code [nines, latency µs]} pairs, nines = log10(1 / (1 - percentile))
     * @param seconds     {@code [second, p50 µs, p99 µs, p99.9 µs]} per measured second of the interval log
     * @param problem     why a file could not be read, or null
     */
    record Series(String label, List<double[]> percentiles, List<double[]> seconds, String problem) {
    }

    /**
     * @param path the run folder, relative to the runs folder
     * @param runs one entry per consumer run that has files
     */
    record Curves(String path, List<Series> runs) {
    }

    private final RunsPathGuard guard;

    RunCurves(RunsPathGuard guard) {
        this.guard = guard;
    }

    /** @return the curves of the run folder {@code path}; none for a folder without histogram files (a sweep's) */
    Curves of(String path) throws HttpError, IOException {
        Path folder = guard.folder(path).orElseThrow(() -> HttpError.notFound(String.valueOf(path)));
        List<Series> runs = new ArrayList<>();
        Path summaryFile = folder.resolve(SummaryWriter.FILE_NAME);
        if (Files.isRegularFile(summaryFile)) {
            Summary summary = SummaryWriter.read(summaryFile);
            for (RunResult run : summary.runs()) {
                Map<String, String> files = run.files() == null ? Map.of() : run.files();
                runs.add(series(run.name(), guard.fileIn(folder, files.get("hgrm")),
                        guard.fileIn(folder, files.get("hlog"))));
            }
        } else {
            try (Stream<Path> children = Files.list(folder)) {
                for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                    String name = child.getFileName().toString();
                    Optional<Path> hgrm = guard.fileIn(folder, name + "/" + RunFiles.HGRM);
                    if (hgrm.isPresent()) {
                        runs.add(series(name, hgrm, guard.fileIn(folder, name + "/" + RunFiles.HLOG)));
                    }
                }
            }
        }
        return new Curves(guard.relative(folder), runs);
    }

    private static Series series(String label, Optional<Path> hgrm, Optional<Path> hlog) {
        List<double[]> percentiles = new ArrayList<>();
        List<double[]> seconds = new ArrayList<>();
        String problem = null;
        try {
            if (hgrm.isPresent()) {
                percentiles = nines(HistogramFiles.readPercentiles(hgrm.get()));
            }
            if (hlog.isPresent()) {
                for (HistogramFiles.Interval second : HistogramFiles.readIntervalLog(hlog.get())) {
                    if (!second.warmup()) {
                        seconds.add(new double[]{second.startSeconds(), second.p50Nanos() / 1e3,
                                second.p99Nanos() / 1e3, second.p999Nanos() / 1e3});
                    }
                }
            }
        } catch (IOException e) {
            problem = e.getMessage();
        }
        return new Series(label, percentiles, seconds, problem);
    }

    /** @return each line's [nines, latency µs], percentiles of 1 left out, one point per distinct nines value */
    static List<double[]> nines(List<HistogramFiles.PercentileLine> lines) {
        List<double[]> points = new ArrayList<>();
        for (HistogramFiles.PercentileLine line : lines) {
            if (line.percentile() >= 1.0) {
                continue;
            }
            double nines = Math.min(MAX_NINES, Math.log10(1 / (1 - line.percentile())));
            if (!points.isEmpty() && points.getLast()[0] >= nines) {
                points.getLast()[1] = Math.max(points.getLast()[1], line.valueMicros());
            } else {
                points.add(new double[]{nines, line.valueMicros()});
            }
        }
        return points;
    }
}
