package io.nicsim.bench.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The editor's check gives nicsim validate's line, with the error's line and column taken apart. */
class ScenarioCheckTest {

    @TempDir
    Path dir;

    @Test
    void aGoodTextGetsValidatesOkLine() {
        Path shown = dir.resolve("napi.yaml");
        ScenarioCheck.Verdict verdict = ScenarioCheck.check("name: my-napi\nfirmware:\n  policy: napi\nhost:\n"
                + "  consumer: [busy-poll, platform-thread]\n", shown);
        assertThat(verdict).isEqualTo(new ScenarioCheck.Verdict(true, "ok: " + shown
                + " (my-napi, napi firmware, consumers busy-poll,platform-thread)", shown.toString(), null, null,
                "my-napi"));
    }

    @Test
    void anErrorNamesTheShownFileWithItsLineAndColumn() {
        Path shown = dir.resolve("edited.yaml");
        ScenarioCheck.Verdict unknownKey = ScenarioCheck.check("firmware:\n  policy: napi\n  budgit: 64\n", shown);
        assertThat(unknownKey.ok()).isFalse();
        assertThat(unknownKey.message()).startsWith("error: " + shown + ":3:3: firmware.budgit: unknown key");
        assertThat(unknownKey.line()).isEqualTo(3);
        assertThat(unknownKey.column()).isEqualTo(3);
        ScenarioCheck.Verdict badYaml = ScenarioCheck.check("firmware:\n  policy: [napi\n", shown);
        assertThat(badYaml.message()).startsWith("error: " + shown + ":").contains("not valid YAML");
        assertThat(badYaml.line()).isNotNull();
        ScenarioCheck.Verdict between = ScenarioCheck.check("firmware:\n  policy: coalesce\n  rxUsecs: 0\n"
                + "  rxFrames: 0\n", shown);
        assertThat(between.message()).contains("coalesce needs rxUsecs > 0 or rxFrames > 0");
        assertThat(between.line()).as("the key the error names").isEqualTo(4);
    }
}
