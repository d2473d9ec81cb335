package io.nicsim.firmware.driver;

import io.nicsim.firmware.driver.DriverPolicy.Action;

/**
 * Test helper: runs a hand-computed script against a {@link DriverPolicy}, one step a line, so a policy's tests
 * read as tables:
 * <pre>
 * irq  &lt;atNanos&gt;                                   # onInterrupt(atNanos)
 * poll &lt;atNanos&gt; &lt;packets&gt; &lt;ACTION&gt; [&lt;wakeAtNanos&gt;]  # afterPoll(packets, atNanos) must answer
 * ACTION
 * </pre>
 * ACTION is an {@link Action} name; {@code wakeAtNanos}, if given, is what {@link DriverPolicy#wakeAtNanos()} must
 * then return. Numbers may contain underscores; {@code #} starts a comment. A mismatch fails with the line.
 */
final class DriverScript {

    private DriverScript() {
    }

    static void run(DriverPolicy driver, String script) {
        String[] lines = script.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            String[] words = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            String where = "line " + (n + 1) + " '" + line.trim() + "'";
            switch (words[0]) {
                case "irq" -> {
                    expectWords(words, 2, 2, where);
                    driver.onInterrupt(number(words[1]));
                }
                case "poll" -> {
                    expectWords(words, 4, 5, where);
                    long atNanos = number(words[1]);
                    int packets = Math.toIntExact(number(words[2]));
                    Action expected = Action.valueOf(words[3]);
                    Action actual = driver.afterPoll(packets, atNanos);
                    if (actual != expected) {
                        throw new AssertionError(where + ": afterPoll answered " + actual + ", expected " + expected);
                    }
                    if (words.length == 5 && driver.wakeAtNanos() != number(words[4])) {
                        throw new AssertionError(where + ": wakeAtNanos() = " + driver.wakeAtNanos() + ", expected "
                                + number(words[4]));
                    }
                }
                default -> throw new IllegalArgumentException(where + ": expected 'irq' or 'poll'");
            }
        }
    }

    private static void expectWords(String[] words, int min, int max, String where) {
        if (words.length < min || words.length > max) {
            throw new IllegalArgumentException(where + ": expected " + min + " to " + max + " words");
        }
    }

    private static long number(String word) {
        return Long.parseLong(word.replace("_", ""));
    }
}
