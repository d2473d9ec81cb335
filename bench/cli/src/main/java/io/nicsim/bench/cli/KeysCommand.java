package io.nicsim.bench.cli;

import io.nicsim.bench.scenario.ScenarioDocs;
import io.nicsim.bench.scenario.ScenarioKey;
import io.nicsim.bench.scenario.ScenarioKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code nicsim keys}: every scenario key with its type, default and meaning. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "List every scenario key with its type, default and meaning.")
public final class KeysCommand implements Callable<Integer> {

    @Option(names = "--markdown", description = "print the reference as Markdown (docs/scenarios.md)")
    boolean markdown;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.print(ScenarioDocs.markdown());
        } else {
            for (ScenarioKey key : ScenarioKeys.all()) {
                out.printf("%-36s %-12s %s%n", key.path(), ScenarioDocs.defaultText(key), ScenarioDocs.doc(key));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
