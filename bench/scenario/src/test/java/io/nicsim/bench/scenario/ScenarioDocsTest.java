package io.nicsim.bench.scenario;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/scenarios.md is exactly what the key registry generates, and documents every key. */
class ScenarioDocsTest {

    @Test
    void committedReferenceMatchesTheKeys() throws Exception {
        String committed = Files.readString(Path.of("../docs/scenarios.md"));
        assertThat(committed)
                .as("docs/scenarios.md is stale: regenerate with ./nicsim keys --markdown > docs/scenarios.md")
                .isEqualTo(ScenarioDocs.markdown());
    }

    @Test
    void documentsEveryKeyWithItsDefault() {
        String markdown = ScenarioDocs.markdown();
        for (ScenarioKey key : ScenarioKeys.all()) {
            assertThat(markdown).contains("| `" + key.path() + "` |").contains(key.doc().replace("|", "\\|"));
        }
    }
}
