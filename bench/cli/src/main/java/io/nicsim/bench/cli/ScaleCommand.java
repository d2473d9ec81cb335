package io.nicsim.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nicsim.bench.results.Environment;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.scale.ScaleResult;
import io.nicsim.bench.scale.ScaleStudy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nicsim scale}: memory per waiting consumer and wake-up latency with 1k to 1M waiters of each kind. */
@Command(name = "scale", mixinStandardHelpOptions = true, description = {
        "The scale study: N consumers parked waiting for their next packet, for each consumer kind and N;",
        "reports memory per waiting consumer and wake-up latency, and where a kind hits the machine's limit."})
public final class ScaleCommand implements Callable<Integer> {

    @Option(names = "--consumers", split = ",", paramLabel = "KIND",
            description = "kinds to study: platform-thread, virtual-thread, event-loop, epoll-thread,"
                    + " epoll-virtual-thread (default: all but epoll-virtual-thread, whose limit is the carriers)")
    List<String> kinds = new ArrayList<>(ScaleStudy.DEFAULT_KINDS);

    @Option(names = "--counts", split = ",", paramLabel = "N",
            description = "numbers of waiting consumers (default: 1000,10000,100000,1000000)")
    List<Integer> counts = new ArrayList<>(List.of(1_000, 10_000, 100_000, 1_000_000));

    @Option(names = "--wakeups", paramLabel = "K", description = "consumers woken, one at a time, per point (default"
            + " 1000)")
    int wakeups = 1_000;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for scale.json (default:"
            + " runs/<timestamp>-scale)")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        for (String kind : kinds) {
            if (!ScaleStudy.KINDS.contains(kind)) {
                throw new BadInput("--consumers: expected some of " + String.join(", ", ScaleStudy.KINDS) + ", found '"
                        + kind + "'" + (kind.equals("busy-poll") ? " (a spinning consumer needs a core per waiter)"
                                : ""));
            }
        }
        for (int count : counts) {
            if (count < 1) {
                throw new BadInput("--counts: expected numbers >= 1, found " + count);
            }
        }
        if (wakeups < 1) {
            throw new BadInput("--wakeups: expected a number >= 1, found " + wakeups);
        }
        Path dir = out != null ? out : RunFolder.defaultFor(Path.of(""), "scale", LocalDateTime.now());
        String problem = RunFolder.problem(dir);
        if (problem != null) {
            throw new BadInput("--out " + dir + ": " + problem);
        }
        List<ScaleResult> results = new ScaleStudy(stdout).run(kinds, counts, wakeups);
        stdout.println();
        stdout.print(ScaleStudy.table(results));
        RunFolder.create(dir);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("environment", Environment.current());
        report.put("wakeupsPerPoint", wakeups);
        report.put("results", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("scale.json").toFile(), report);
        stdout.println();
        stdout.println("memory per waiting consumer = growth of resident memory (VmRSS) / N; heap = growth of the"
                + " heap in");
        stdout.println("use after GC / N; wake = from the wake-up call to the consumer running. Details: "
                + dir.resolve("scale.json"));
        stdout.flush();
        return ExitCodes.OK;
    }
}
