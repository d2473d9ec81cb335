package io.nicsim.bench.scenario;

import io.nicsim.bench.cli.NicsimCli;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-written bad scenario files (src/test/resources/bad-scenarios): each gives, through {@code nicsim validate}
 * and {@code nicsim run}, exactly one line {@code error: FILE:LINE:COL: ...} with the expected location and text
 * (declared in the file's first two comment lines), exit code 2, and nothing written.
 */
class BadScenarioFilesTest {

    /** Read from bench/, the tests' working directory. */
    private static final Path DIR = Path.of("cli/src/test/resources/bad-scenarios");

    static Stream<Path> badFiles() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @org.junit.jupiter.api.Test
    void thereAreAtLeastTwentyOfThem() throws IOException {
        assertThat(badFiles().count()).isGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void givesTheExpectedOneLineErrorAndExit2(Path file, @TempDir Path tmp) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String expectedAt = lines.get(0).replaceFirst("^# expect-at: ", "");
        String expectedText = lines.get(1).replaceFirst("^# expect: ", "");

        for (String command : List.of("validate", "run")) {
            Path out = tmp.resolve(command).resolve("run");
            StringWriter stdout = new StringWriter();
            StringWriter stderr = new StringWriter();
            List<String> args = command.equals("run")
                    ? List.of(command, file.toString(), "--out", out.toString())
                    : List.of(command, file.toString());
            int code = NicsimCli.commandLine(new PrintWriter(stdout), new PrintWriter(stderr))
                    .execute(args.toArray(String[]::new));

            assertThat(code).as("%s exit code", command).isEqualTo(2);
            List<String> errors = stderr.toString().lines().toList();
            assertThat(errors).as("%s stderr", command).hasSize(1);
            assertThat(errors.get(0)).startsWith("error: " + file + ":" + expectedAt + ": ").contains(expectedText);
            assertThat(out).as("nothing written").doesNotExist();
        }
    }
}
