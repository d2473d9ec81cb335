package io.nicsim.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden key paths of summary.json: a real default study ({@code nicsim run --duration 1s}) writes at least every
 * key path listed in summary-keys.txt (taken from a run before the bench split), so a refactoring that drops or
 * renames a key fails here rather than in someone's notebook. Objects are recursed with '.', array elements are
 * '[]' ({@code runs[].packets.generated}), and {@code dropReasons} is not recursed into (its keys vary by run).
 * New keys are allowed. The run folder holds its files: scenario.yaml, summary.json, report.html and, per run,
 * {@code <i>-<consumer>/notification.hgrm} and {@code .hlog}.
 */
@Tag("run")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SummaryKeysGoldenTest {

    private static final Set<String> NOT_RECURSED = Set.of("dropReasons");

    @Test
    void summaryJsonHasEveryGoldenKeyAndTheRunFolderItsFiles(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        // run.memoryProbeWaiters=0 skips the probe JVM; the memory keys are still written (NaN and null)
        int code = NicsimCli.commandLine(new PrintWriter(outText), new PrintWriter(errText)).execute("run",
                "--duration", "1s", "--set", "run.warmup=200ms", "--set", "run.memoryProbeWaiters=0", "--quiet",
                "--out", out.toString());
        assertThat(code).as("stderr: %s", errText).isZero();

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        Set<String> paths = new TreeSet<>();
        collect(summary, "", paths);
        assertThat(paths).containsAll(golden());

        assertThat(out.resolve("scenario.yaml")).isRegularFile();
        assertThat(out.resolve("summary.json")).isRegularFile();
        assertThat(out.resolve("report.html")).isRegularFile();
        JsonNode runs = summary.get("runs");
        assertThat(runs).as("the default study runs four consumers").hasSize(4);
        for (int i = 0; i < runs.size(); i++) {
            String folder = i + "-" + runs.get(i).get("consumer").asText();
            assertThat(out.resolve(folder + "/notification.hgrm")).isRegularFile();
            assertThat(out.resolve(folder + "/notification.hlog")).isRegularFile();
        }
    }

    /** @return the key paths of summary-keys.txt (lines not starting with '#', blank ones skipped) */
    private static Set<String> golden() throws Exception {
        try (InputStream in = SummaryKeysGoldenTest.class.getResourceAsStream("/summary-keys.txt")) {
            assertThat(in).as("summary-keys.txt on the test class path").isNotNull();
            Set<String> keys = new TreeSet<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(keys::add);
            assertThat(keys).as("golden keys").hasSizeGreaterThan(100);
            return keys;
        }
    }

    private static void collect(JsonNode node, String path, Set<String> paths) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                paths.add(child);
                if (!NOT_RECURSED.contains(field.getKey())) {
                    collect(field.getValue(), child, paths);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, path + "[]", paths);
            }
        }
    }
}
