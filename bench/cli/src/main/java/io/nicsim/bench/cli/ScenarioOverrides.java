package io.nicsim.bench.cli;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The {@code --set KEY=VALUE} overrides of a scenario, as every command that loads one takes them. */
public final class ScenarioOverrides {

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a scenario key; repeatable")
    List<String> overrides = new ArrayList<>();

    /** @return the overrides, in the order given */
    List<String> all() {
        return List.copyOf(overrides);
    }
}
