package io.nicsim.bench.results;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Writes an effective scenario ({@code Scenario.effective()}) as a YAML scenario file that nicsim reads back. */
public final class ScenarioYaml {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private ScenarioYaml() {
    }

    public static String render(Map<String, Object> effective) throws IOException {
        return "# the effective scenario of this run: every key as the run used it (nicsim run this-file.yaml replays"
                + " it)\n" + YAML.writeValueAsString(effective);
    }

    public static void write(Map<String, Object> effective, Path file) throws IOException {
        String text = render(effective);
        AtomicFiles.write(file, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
