package io.nicsim.bench.cli;

import io.nicsim.bench.report.RunReport;
import io.nicsim.bench.results.RunProgress;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.results.Sweep;
import io.nicsim.bench.results.UnusableFile;
import io.nicsim.bench.results.WritableFolder;
import io.nicsim.bench.report.SweepReport;
import io.nicsim.bench.tune.TuneReport;
import io.nicsim.bench.tune.TuneResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code nicsim report DIR}: makes report.html again from a run, sweep or tune folder's files. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Make report.html again from a run, sweep or tune folder's files.",
                "From a run folder's summary.json, scenario.yaml, .hgrm and .hlog files, a sweep folder's sweep.json"
                        + " and its points, or a tune folder's tune.json and best.yaml, and nothing else.",
                "The page is self-contained: charts are embedded images; it opens offline."})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "a run, sweep or tune folder")
    Path dir;

    @Mixin
    ErrorOutput errors;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws BadInput {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) {
            throw new BadInput(dir + ": " + (Files.exists(dir) ? "expected a folder, found a file" : "no such folder"));
        }
        java.util.Optional<String> unfinished = RunProgress.problem(dir);
        if (unfinished.isPresent()) {
            throw new BadInput(dir + ": " + unfinished.get());
        }
        boolean sweep = Files.isRegularFile(dir.resolve(Sweep.JSON_FILE));
        boolean tune = Files.isRegularFile(dir.resolve(TuneResult.JSON_FILE));
        if (!sweep && !tune && !Files.isRegularFile(dir.resolve(SummaryWriter.FILE_NAME))) {
            throw new BadInput(dir + ": not a nicsim run folder (no " + SummaryWriter.FILE_NAME + ", "
                    + Sweep.JSON_FILE + " or " + TuneResult.JSON_FILE + ")");
        }
        String unwritable = WritableFolder.problem(dir);
        if (unwritable != null) {
            throw new BadInput(dir + ": cannot write the report there: " + unwritable);
        }
        Path written;
        try {
            written = tune ? TuneReport.write(dir) : sweep ? SweepReport.write(dir) : RunReport.write(dir);
        } catch (UnusableFile e) {
            throw new BadInput(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            // a file of the folder that is not what it should be: bad input, nothing written
            throw new BadInput(dir + ": cannot make the report: " + oneLine(e.getMessage()), e);
        }
        out.println("report: " + written);
        out.flush();
        return ExitCodes.OK;
    }

    static String oneLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

}
