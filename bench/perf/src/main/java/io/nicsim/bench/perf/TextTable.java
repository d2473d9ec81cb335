package io.nicsim.bench.perf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small table rendered two ways: aligned plain text for the terminal, and a Markdown table for
 * docs/benchmarks.md. The first column is left-aligned, the others right-aligned (they hold figures).
 */
final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    TextTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells, table has " + header.size()
                    + " columns: " + Arrays.toString(cells));
        }
        rows.add(List.of(cells));
        return this;
    }

    /** @return the rows so far (not the header) */
    List<List<String>> rows() {
        return List.copyOf(rows);
    }

    String text() {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendText(out, header, widths);
        for (List<String> row : rows) {
            appendText(out, row, widths);
        }
        return out.toString();
    }

    private static void appendText(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            if (c == 0) {
                line.append(cell).append(pad);
            } else {
                line.append("  ").append(pad).append(cell);
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        appendMarkdown(out, header);
        StringBuilder rule = new StringBuilder("|");
        for (int c = 0; c < header.size(); c++) {
            rule.append(c == 0 ? "---|" : "---:|");
        }
        out.append(rule).append('\n');
        for (List<String> row : rows) {
            appendMarkdown(out, row);
        }
        return out.toString();
    }

    private static void appendMarkdown(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        out.append('\n');
    }
}
