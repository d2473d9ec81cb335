package io.nicsim.library;

import io.nicsim.bench.report.LatencyTable;
import io.nicsim.bench.report.RunReport;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a study run through {@link NicsimRun#run()} left: its run folder (summary.json, report.html, the histogram
 * files) and each consumer's figures, in the order the scenario lists them.
 */
public final class NicsimResult {

    private final Summary summary;
    private final Path runFolder;
    private final List<ConsumerResult> consumers;

    NicsimResult(Summary summary, Path runFolder) {
        this.summary = summary;
        this.runFolder = runFolder.toAbsolutePath().normalize();
        this.consumers = summary.runs().stream().map(run -> new ConsumerResult(run, this.runFolder)).toList();
    }

    /** @return the scenario's name */
    public String scenario() {
        return summary.scenario();
    }

    /** @return the run folder, absolute */
    public Path runFolder() {
        return runFolder;
    }

    /** @return the run folder's summary.json: every figure, the effective scenario, the machine */
    public Path summaryJson() {
        return runFolder.resolve(SummaryWriter.FILE_NAME);
    }

    /** @return the run folder's report.html: tables and charts in one file */
    public Path reportHtml() {
        return runFolder.resolve(RunReport.FILE_NAME);
    }

    /**
     * @return whether the study stopped early (a filesystem it wrote to nearly full): runs not started are absent
     *         from {@link #consumers()}, and the last one may have stopped its traffic early
     */
    public boolean interrupted() {
        return summary.interrupted();
    }

    /** @return each consumer's run, in the scenario's order */
    public List<ConsumerResult> consumers() {
        return consumers;
    }

    /**
     * @param name a consumer's name ({@code platform-thread}) or a run's label
     * @return that consumer's run
     * @throws IllegalArgumentException "no consumer X in this run; it ran: a, b"
     */
    public ConsumerResult consumer(String name) {
        return consumers.stream().filter(c -> c.label().equals(name)).findFirst()
                .or(() -> consumers.stream().filter(c -> c.consumer().equals(name)).findFirst())
                .orElseThrow(() -> new IllegalArgumentException("no consumer " + name + " in this run; it ran: "
                        + consumers.stream().map(ConsumerResult::label).collect(Collectors.joining(", "))));
    }

    /** @return the study's latency table, as {@code ./nicsim run} prints it first */
    public String table() {
        return LatencyTable.renderStudy(summary);
    }

    @Override
    public String toString() {
        return scenario() + " in " + runFolder + ": " + consumers;
    }
}
