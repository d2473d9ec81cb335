package io.nicsim.bench.cli;

import io.nicsim.bench.scenario.ScenarioKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario fuzzer's rule ({@code ScenarioFuzzTest}) for the whole command line: a seeded fuzzer over every
 * command's flags (taken from picocli's model, so a new flag is fuzzed too) and {@code --set} values (empty,
 * negative, huge, units, unicode, paths that do not exist or are files) asserts that each command exits 0 or 2,
 * never 1 or with an uncaught exception; that exit 2 prints exactly one line, starting with {@code error:}; and that
 * nothing is written on exit 2.
 *
 * <p>Kept fast by never reaching a run: every command that would write gets an output or queue folder it cannot use
 * (a file, a folder under a file, someone else's folder), which each command checks after all its other input, so a
 * case either fails on the fuzzed input or on that folder. Left out: {@code send} (it writes nothing, and a valid
 * case would send datagrams for its duration), {@code bench jmh} (its arguments are JMH's, passed on unread) and
 * {@code serve} (a valid case serves until Ctrl-C; ServeCommandTest checks its bad input).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CliFlagsFuzzTest {

    private static final long SEED = 20_260_117L;
    private static final int CASES = 400;
    private static final Set<String> SKIPPED = Set.of("send", "help", "jmh", "serve");
    /** Flags whose value is where a command writes: always given an unusable folder. */
    private static final Set<String> OUTPUT_FLAGS = Set.of("--out", "--dir", "--markdown");

    private static final List<String> TEXT = List.of("", " ", "-", "--", "0", "-1", "1", "3", "2147483648",
            "9223372036854775808", "1e400", "-0", "NaN", "1ms", "-5s", "0s", "60m", "61m", "1e30s", "10 parsecs",
            "200kpps", "601Mpps", "0pps", "10%", "150%", "µs", "\u00e9t\u00e9", "\u2603", "\u0000", "a\nb", "p99",
            "p99<=40us", "p99 40us", "busy-poll", "busy-poll,platform-thread", "busy-poll,,", "coalesce,napi",
            "firmware.rxUsecs=1,2", "firmware.rxUsecs=0..64", "firmware.rxUsecs", "virtual", "paced", "=", "a=b",
            "descriptors,interrupts", "x".repeat(300));
    private static final List<String> SET_VALUES = List.of("", " ", "0", "1", "-1", "8", "129", "100000", "1e400",
            "2147483648", "10ms", "-5ms", "61m", "1.5", "NaN", "fast", "poisson", "coalesce", "busy-poll",
            "platform-thread-per-flow", "virtual", "none", "\u2603", "600Mpps", "1e12", "65536", "16777216",
            "9223372036854775807ns", ",", "a=b");

    @TempDir
    Path parent;



    @Test
    void everyFuzzedCommandLineExitsZeroOrTwoWithOneLineAndWritesNothingOnTwo() throws IOException {
        Paths paths = Paths.make(parent);
        Map<String, CommandSpec> commands = commands();
        List<String> names = new ArrayList<>(commands.keySet());
        SplittableRandom random = new SplittableRandom(SEED);
        Map<Integer, Integer> codes = new TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            String name = names.get(random.nextInt(names.size()));
            List<String> args = arguments(random, name, commands.get(name), paths);
            List<String> before = listing();
            CliOutcome outcome = CliOutcome.of(args);
            String what = "case " + i + " (seed " + SEED + "): nicsim " + String.join(" ", args.stream()
                    .map(arg -> "'" + arg + "'").toList()) + "\nstderr: " + outcome.err();
            codes.merge(outcome.code(), 1, Integer::sum);
            assertThat(outcome.code()).as(what).isIn(ExitCodes.OK, ExitCodes.BAD_INPUT);
            if (outcome.code() == ExitCodes.BAD_INPUT) {
                assertThat(outcome.err().lines().toList()).as(what).singleElement().asString().startsWith("error: ");
                assertThat(listing()).as("nothing written: " + what).isEqualTo(before);
            }
        }
        // few commands can accept fuzzed input without running (help, keys, validate; worker never: its --join
        // needs HOST:PORT), so this only checks that some cases get through (how many moves with every scenario key
        // added: --set draws its key from the list)
        assertThat(codes.getOrDefault(ExitCodes.OK, 0)).as("accepted cases (help, keys, validate): %s", codes)
                .isPositive();
        assertThat(codes.getOrDefault(ExitCodes.BAD_INPUT, 0)).as("refused cases: %s", codes)
                .isGreaterThan(CASES / 2);
    }

    /** @return every command and subcommand that may be fuzzed, by its qualified name ("bench floor") */
    private static Map<String, CommandSpec> commands() {
        Map<String, CommandSpec> commands = new TreeMap<>();
        CommandLine root = NicsimCli.commandLine(new PrintWriter(Writer.NULL), new PrintWriter(Writer.NULL));
        collect(root, commands);
        return commands;
    }

    private static void collect(CommandLine command, Map<String, CommandSpec> commands) {
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (SKIPPED.contains(sub.getKey()) || !sub.getValue().getCommandSpec().name().equals(sub.getKey())) {
                continue;
            }
            if (sub.getValue().getSubcommands().isEmpty()) {
                commands.put(sub.getValue().getCommandSpec().qualifiedName(" ").replaceFirst("^nicsim ", ""),
                        sub.getValue().getCommandSpec());
            } else {
                collect(sub.getValue(), commands);
            }
        }
    }

    private static List<String> arguments(SplittableRandom random, String name, CommandSpec spec, Paths paths) {
        List<String> args = new ArrayList<>(List.of(name.split(" ")));
        if (!spec.positionalParameters().isEmpty() && random.nextInt(6) != 0) {
            args.add(pick(random, name.equals("inspect") || name.equals("report") ? paths.folders() : paths.inputs()));
        }
        List<OptionSpec> options = spec.options().stream()
                .filter(option -> !(OUTPUT_FLAGS.contains(option.longestName()) && option.arity().max() > 0)
                        && !option.longestName().equals("--verbose") // stack traces on purpose
                        && !option.usageHelp()
                        && !option.versionHelp())
                .toList();
        int count = random.nextInt(5);
        for (int k = 0; k < count && !options.isEmpty(); k++) {
            OptionSpec option = options.get(random.nextInt(options.size()));
            args.add(option.longestName());
            if (option.arity().max() > 0) {
                args.add(value(random, option, paths));
            }
        }
        if (random.nextInt(40) == 0) {
            args.add(random.nextBoolean() ? "--help" : "--bogus");
        }
        for (OptionSpec output : spec.options()) {
            if (OUTPUT_FLAGS.contains(output.longestName()) && output.arity().max() > 0) {
                boolean aFile = name.equals("calibrate") || output.longestName().equals("--markdown");
                args.add(output.longestName());
                args.add(pick(random, aFile ? paths.unusableFiles() : paths.unusable()));
            }
        }
        return args;
    }

    private static String value(SplittableRandom random, OptionSpec option, Paths paths) {
        if (option.longestName().equals("--set")) {
            List<String> keys = new ArrayList<>(ScenarioKeys.paths());
            String key = random.nextInt(10) == 0 ? "nic.queue" : keys.get(random.nextInt(keys.size()));
            return key + "=" + pick(random, SET_VALUES);
        }
        Class<?> type = option.type();
        if (type == Path.class || type == java.io.File.class) {
            return pick(random, paths.inputs());
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return pick(random, List.of("0", "-1", "1", "7", "2147483648", "", "x", "1e3", "\u0663"));
        }
        return pick(random, TEXT);
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> paths = Files.walk(parent)) {
            return paths.map(path -> parent.relativize(path).toString()).sorted().toList();
        }
    }

    /** The paths a case may name, made once under the test's folder. */
    private record Paths(List<String> inputs, List<String> folders, List<String> unusable,
                         List<String> unusableFiles) {

        static Paths make(Path parent) throws IOException {
            Path file = Files.writeString(parent.resolve("a-file.yaml"), "traffic: [\n");
            Path empty = Files.createDirectory(parent.resolve("empty"));
            Path foreign = Files.createDirectory(parent.resolve("someone-elses"));
            Files.writeString(foreign.resolve("notes.txt"), "keep\n");
            String missing = parent.resolve("missing").resolve("nope.yaml").toString();
            String scenario = Path.of("../scenarios/policy-napi.yaml").toAbsolutePath().normalize().toString();
            String twoProcess = Path.of("../scenarios/two-process.yaml").toAbsolutePath().normalize().toString();
            Path jar = parent.resolve("empty.jar"); // a jar with nothing in it, for --handler-jar
            try (java.util.jar.JarOutputStream ignored = new java.util.jar.JarOutputStream(Files.newOutputStream(jar),
                    new java.util.jar.Manifest())) {
                // a manifest alone
            }
            return new Paths(List.of(scenario, twoProcess, file.toString(), missing, empty.toString(), "",
                            parent.resolve("\u2603.yaml").toString(), jar.toString()),
                    List.of(empty.toString(), foreign.toString(), file.toString(), missing, ""),
                    List.of(file.toString(), file.resolve("sub").toString(), foreign.toString()),
                    List.of(file.resolve("sub/out.md").toString(), foreign.toString(), empty.toString()));
        }
    }

    /** A writer that discards everything, for the command line built only to read its model. */
    private static final class Writer {
        static final java.io.Writer NULL = java.io.Writer.nullWriter();
    }
}
