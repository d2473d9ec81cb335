package io.nicsim.bench.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** A scenario's overrides for commands that run it: {@code --set}, and {@code --duration} as its short form. */
public final class RunOverrides {

    @Mixin
    ScenarioOverrides set;

    @Option(names = "--duration", paramLabel = "TIME", description = "short for --set run.duration=TIME, e.g. 5s")
    String duration;

    /** @return the --set overrides with --duration applied last */
    List<String> all() {
        List<String> all = new ArrayList<>(set.all());
        if (duration != null) {
            all.add("run.duration=" + duration);
        }
        return all;
    }
}
