package io.nicsim.bench.scenario;

/** Quotes a value found in user input for a one-line error message: control characters escaped, long values cut. */
public final class Quote {

    private static final int MAX_CHARS = 60;

    private Quote() {
    }

    /** @return {@code 'text'} with line breaks and other control characters escaped, at most ~60 characters */
    public static String of(String text) {
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > MAX_CHARS) {
            out.append("...");
        }
        return out.append('\'').toString();
    }
}
