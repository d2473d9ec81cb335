package io.nicsim.bench.cli;

import io.nicsim.nic.traffic.TrafficSources;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * The traffic schedule of the paced benchmarks ({@code bench floor}, {@code throughput}, {@code pacing}): kind, seed,
 * warm-up and measured time, declared once; each benchmark states its own defaults with a {@link Defaults}.
 */
public final class ScheduleOptions {

    @Option(names = "--traffic", paramLabel = "KIND", description = "poisson or constant (default: ${DEFAULT-VALUE})")
    String kind;

    @Option(names = "--seed", description = "schedule seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--warmup", paramLabel = "TIME",
            description = "warm-up before each measured run, excluded (default: ${DEFAULT-VALUE})")
    String warmup;

    @Option(names = "--duration", paramLabel = "TIME",
            description = "measured time per run (default: ${DEFAULT-VALUE})")
    String duration;

    /** @throws IllegalArgumentException "--traffic: ..." unless the kind is a schedule drawn from a rate */
    void checkKind() {
        if (!TrafficSources.RATE_KINDS.contains(kind)) {
            throw new IllegalArgumentException("--traffic: expected one of " + TrafficSources.RATE_KINDS
                    + ", found '" + kind + "'");
        }
    }

    /** A benchmark's defaults for these options (and any other of its options), by option name. */
    abstract static class Defaults implements IDefaultValueProvider {

        private final Map<String, String> byOption;

        Defaults(Map<String, String> byOption) {
            this.byOption = byOption;
        }

        @Override
        public String defaultValue(ArgSpec argument) {
            return argument instanceof OptionSpec option ? byOption.get(option.longestName()) : null;
        }
    }

    /** {@code bench floor}: Poisson at 200k pps, 300 ms warm-up, 1 s measured. */
    static final class FloorDefaults extends Defaults {
        FloorDefaults() {
            super(Map.of("--traffic", "poisson", "--seed", "1", "--warmup", "300ms", "--duration", "1s",
                    "--rate", "200kpps"));
        }
    }

    /** {@code bench throughput}: constant rate, 500 ms warm-up, 1 s judged per trial. */
    static final class ThroughputDefaults extends Defaults {
        ThroughputDefaults() {
            super(Map.of("--traffic", "constant", "--seed", "1", "--warmup", "500ms", "--duration", "1s"));
        }
    }

    /** {@code bench pacing}: Poisson, 1 s warm-up, 3 s measured per rate. */
    static final class PacingDefaults extends Defaults {
        PacingDefaults() {
            super(Map.of("--traffic", "poisson", "--seed", "1", "--warmup", "1s", "--duration", "3s"));
        }
    }
}
