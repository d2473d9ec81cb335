package io.nicsim.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The value types scenario keys have: each parses a scalar strictly and describes itself for errors and docs. */
public enum KeyType {

    /** A duration; a bare number is nanoseconds. */
    DURATION("a duration (ns, us, ms, s, m)") {
        @Override
        Object parse(String text) {
            return Units.parseDurationNanos(text);
        }
    },
    /** A packet rate; a bare number is packets per second. */
    RATE("a rate (pps, kpps, Mpps)") {
        @Override
        Object parse(String text) {
            double rate = Units.parseRatePerSecond(text);
            if (!(rate > 0)) {
                throw new IllegalArgumentException("expected a rate above 0, found " + Quote.of(text));
            }
            return rate;
        }
    },
    /** A decimal number >= 0. */
    NUMBER("a number >= 0") {
        @Override
        Object parse(String text) {
            return Units.parseNumber(text, false);
        }
    },
    /** A decimal number above 0. */
    POSITIVE_NUMBER("a number above 0") {
        @Override
        Object parse(String text) {
            return Units.parseNumber(text, true);
        }
    },
    /**
     * A file path; empty means none. The loader resolves a relative path against the scenario file's folder (the
     * working folder for {@code --set}) and keeps it absolute, so the effective scenario replays from anywhere.
     */
    PATH("a file path") {
        @Override
        Object parse(String text) {
            String path = text.trim();
            try {
                java.nio.file.Path.of(path);
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("expected a file path, found " + Quote.of(text));
            }
            return path;
        }
    },
    /** A non-negative 32-bit integer. */
    COUNT("an integer >= 0") {
        @Override
        Object parse(String text) {
            return (int) Units.parseInteger(text, 0, Integer.MAX_VALUE);
        }
    },
    /** A positive 32-bit integer. */
    POSITIVE_COUNT("an integer >= 1") {
        @Override
        Object parse(String text) {
            return (int) Units.parseInteger(text, 1, Integer.MAX_VALUE);
        }
    },
    /** Any 64-bit integer. */
    LONG("an integer") {
        @Override
        Object parse(String text) {
            return Units.parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    },
    /** A share of a whole: a number from 0 to 1, or a percentage. */
    SHARE("a share from 0 to 1 (0.1 or 10%)") {
        @Override
        Object parse(String text) {
            String trimmed = text.trim();
            boolean percent = trimmed.endsWith("%");
            double value;
            try {
                value = Double.parseDouble(percent ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a share from 0 to 1 (0.1 or 10%), found "
                        + Quote.of(text));
            }
            value = percent ? value / 100 : value;
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("expected a share from 0 to 1 (0.1 or 10%), found "
                        + Quote.of(text));
            }
            return value;
        }
    },
    /** A word from a fixed list; the list is the key's. */
    NAME("a name") {
        @Override
        Object parse(String text) {
            return text.trim();
        }
    },
    /** A Java class's binary name ({@code com.example.MyHandler}, {@code a.B$C}); empty means none. */
    CLASS_NAME("a Java class name") {
        @Override
        Object parse(String text) {
            String name = text.trim();
            if (!name.isEmpty() && !name.matches("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "([.$]\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*")) {
                throw new IllegalArgumentException("expected a Java class name (com.example.MyHandler), found "
                        + Quote.of(text));
            }
            return name;
        }
    },
    /** One name or a list of names (comma-separated on the command line). */
    NAME_LIST("a name or a list of names") {
        @Override
        Object parse(String text) {
            List<String> names = new ArrayList<>();
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    names.add(part.trim());
                }
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException("expected at least one name, found " + Quote.of(text));
            }
            return List.copyOf(names);
        }
    };

    private final String description;

    KeyType(String description) {
        this.description = description;
    }

    /** @return how the type reads in errors and docs, with its article: "an integer >= 0" */
    public String description() {
        return description;
    }

    /** @throws IllegalArgumentException "expected ..., found ..." */
    abstract Object parse(String text);

    /** Checks a parsed name (or each name of a list) against the allowed ones, if the key has a list. */
    static void checkAllowed(Object value, Set<String> allowed) {
        if (allowed.isEmpty()) {
            return;
        }
        List<?> names = value instanceof List<?> list ? list : List.of(value);
        for (Object name : names) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("expected one of " + String.join(", ", allowed) + ", found "
                        + Quote.of(name.toString()) + Suggestions.didYouMean(name.toString(), allowed));
            }
        }
    }
}
