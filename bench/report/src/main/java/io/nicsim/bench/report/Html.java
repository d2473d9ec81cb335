package io.nicsim.bench.report;

import java.util.List;

/** A small HTML writer for the self-contained reports: escaping, the page frame, tables. No scripts, no fetches. */
public final class Html {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#222;\
            max-width:1180px;margin:24px auto;padding:0 20px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;\
            padding-bottom:4px}h3{font-size:14px;margin:16px 0 6px}
            .meta{color:#555;font-size:13px}.meta code{font-size:12px}
            .banner{background:#fff4e5;border:1px solid #f0b46b;padding:8px 12px;border-radius:4px;margin:12px 0}
            table{border-collapse:collapse;font-size:13px;margin:6px 0}
            th,td{padding:3px 10px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}
            th{background:#f6f6f6;font-weight:600}td:first-child,th:first-child{text-align:left}
            td.l,th.l{text-align:left}
            img.chart{display:block;max-width:100%;height:auto;margin:8px 0;border:1px solid #eee}
            .grid{display:flex;flex-wrap:wrap;gap:8px 24px}.grid img.chart{margin:0}
            pre{background:#f8f8f8;border:1px solid #eee;padding:10px;font-size:12px;overflow:auto}
            .note{color:#555;font-size:13px}
            a{color:#0b62a4}
            """;

    private final StringBuilder out = new StringBuilder(1 << 16);

    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    public Html begin(String title) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // nothing may be fetched: images are data URIs, styles inline
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;")
                .append(" style-src 'unsafe-inline'\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>").append(STYLE).append("</style>\n")
                .append("</head><body>\n");
        return this;
    }

    public Html raw(String html) {
        out.append(html);
        return this;
    }

    public Html h1(String text) {
        return raw("<h1>" + esc(text) + "</h1>\n");
    }

    public Html h2(String text) {
        return raw("<h2>" + esc(text) + "</h2>\n");
    }

    public Html h3(String text) {
        return raw("<h3>" + esc(text) + "</h3>\n");
    }

    public Html p(String cssClass, String text) {
        return raw("<p class=\"" + cssClass + "\">" + esc(text) + "</p>\n");
    }

    public Html img(String dataUri, String alt, int width) {
        return raw("<img class=\"chart\" width=\"" + width + "\" alt=\"" + esc(alt) + "\" src=\"" + dataUri + "\">\n");
    }

    public Html pre(String text) {
        return raw("<pre>" + esc(text) + "</pre>\n");
    }

    /** A table: the first column left-aligned, the others right-aligned; cells are escaped text. */
    public Html table(List<String> header, List<List<String>> rows) {
        out.append("<table><thead><tr>");
        for (String h : header) {
            out.append("<th>").append(esc(h)).append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (String cell : row) {
                out.append("<td>").append(esc(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
        return this;
    }

    /** A relative link; the target is escaped. */
    public static String link(String relativePath, String text) {
        return "<a href=\"" + esc(relativePath) + "\">" + esc(text) + "</a>";
    }

    public String end() {
        out.append("</body></html>\n");
        return out.toString();
    }
}
