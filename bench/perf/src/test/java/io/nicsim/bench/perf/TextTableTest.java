package io.nicsim.bench.perf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The two renderings of a table, and the number formats, as golden strings. */
class TextTableTest {

    private static TextTable table() {
        return new TextTable("variant", "p50 us", "lost").row("(1) bare", "0.34", "0")
                .row("(3) nicsim", "12.5", "1,024");
    }

    @Test
    void alignsTextColumnsFirstLeftRestRight() {
        assertThat(table().text()).isEqualTo("""
                variant     p50 us   lost
                (1) bare      0.34      0
                (3) nicsim    12.5  1,024
                """);
    }

    @Test
    void rendersMarkdownWithRightAlignedFigures() {
        assertThat(table().markdown()).isEqualTo("""
                | variant | p50 us | lost |
                |---|---:|---:|
                | (1) bare | 0.34 | 0 |
                | (3) nicsim | 12.5 | 1,024 |
                """);
    }

    @Test
    void escapesPipesInMarkdownCells() {
        assertThat(new TextTable("a").row("x|y").markdown()).contains("| x\\|y |");
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TextTable("a", "b").row("only one"));
    }

    @Test
    void formatsFigures() {
        assertThat(Format.micros(340)).isEqualTo("0.34");
        assertThat(Format.micros(12_540)).isEqualTo("12.5");
        assertThat(Format.micros(3_946_000)).isEqualTo("3,946");
        assertThat(Format.ratio(1.234)).isEqualTo("1.23x");
        assertThat(Format.ratio(Double.NaN)).isEqualTo("-");
        assertThat(Format.rate(5_120_000)).isEqualTo("5.12M");
        assertThat(Format.rate(250_000)).isEqualTo("250k");
        assertThat(Format.rate(999)).isEqualTo("999");
        assertThat(Format.percent(0.456)).isEqualTo("46%");
        assertThat(Format.count(1_234_567)).isEqualTo("1,234,567");
    }

    @Test
    void takesMedians() {
        assertThat(Format.median(3, 1, 2)).isEqualTo(2);
        assertThat(Format.median(4, 1, 3, 2)).isEqualTo(2.5);
        assertThat(Format.min(3, 1, 2)).isEqualTo(1);
        assertThat(Format.max(3, 1, 2)).isEqualTo(3);
    }
}
