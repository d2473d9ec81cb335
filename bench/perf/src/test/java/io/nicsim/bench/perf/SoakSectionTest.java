package io.nicsim.bench.perf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The soak's section of docs/benchmarks.md: spliced in by bench soak, carried over by bench all. */
class SoakSectionTest {

    private static final String DOC = "# nicsim benchmarks\n\n## Repeatability\n\nfigures\n";

    @Test
    void appendedWhenTheFileHasNone() {
        String doc = SoakSection.splice(DOC, "table 1\n");
        assertThat(doc).startsWith(DOC + "\n" + SoakSection.BEGIN + "\n## Soak").contains("table 1")
                .endsWith(SoakSection.END + "\n");
        assertThat(SoakSection.splice("", "table 1")).startsWith(SoakSection.BEGIN);
    }

    @Test
    void replacedInPlaceLeavingTheRest() {
        String once = SoakSection.splice(DOC, "table 1") + "## After\n";
        String twice = SoakSection.splice(once, "table 2");
        assertThat(twice).contains("table 2", "## After").doesNotContain("table 1").startsWith(DOC);
        assertThat(SoakSection.extract(twice)).contains("table 2");
    }

    @Test
    void benchAllCarriesItOver() {
        String previous = SoakSection.splice(DOC, "table 1");
        String regenerated = "# nicsim benchmarks\n\nnew figures\n";
        String kept = SoakSection.keep(previous, regenerated);
        assertThat(kept).startsWith(regenerated).contains(SoakSection.extract(previous));
        assertThat(SoakSection.extract(SoakSection.keep(kept, regenerated))).isEqualTo(SoakSection.extract(previous));
        assertThat(SoakSection.keep(DOC, regenerated)).isEqualTo(regenerated);
    }
}
