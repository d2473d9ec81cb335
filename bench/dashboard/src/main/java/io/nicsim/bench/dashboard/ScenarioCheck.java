package io.nicsim.bench.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioLoader;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an editor's text as {@code nicsim validate FILE} checks the file: the same loader, the same one line
 * ({@code ok: FILE (NAME, POLICY firmware, consumers A,B)} or {@code error: FILE:LINE:COL: key: problem}), with the
 * line and column taken apart for the editor.
 */
final class ScenarioCheck {

    private static final Pattern AT = Pattern.compile("^(\\d+):(\\d+): ");

    private ScenarioCheck() {
    }

    /**
     * What a check found.
     *
     * @param ok       whether the text is a scenario nicsim runs
     * @param message  the line {@code nicsim validate} prints
     * @param file     the file the text was checked as
     * @param line     the error's line (from 1), or null where the error has none (a key's default, --set)
     * @param column   its column (from 1), or null
     * @param scenario the scenario's name when ok
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verdict(boolean ok, String message, String file, Integer line, Integer column, String scenario) {
    }

    /** @return the verdict on {@code text} read as the file {@code asFile} */
    static Verdict check(String text, Path asFile) {
        String file = asFile.toString();
        try {
            Scenario scenario = ScenarioLoader.load(text, asFile, List.of());
            String handler = scenario.host().handler();
            return new Verdict(true, String.format("ok: %s (%s, %s firmware, consumers %s)%s", file, scenario.name(),
                    scenario.firmware().policy(), String.join(",", scenario.host().consumers()),
                    handler.isEmpty() ? "" : "; host.handler " + handler + " not checked: give --handler-jar to load"
                            + " and check it"), file, null, null, scenario.name());
        } catch (ScenarioException e) {
            String message = oneLine(e.getMessage());
            Integer line = null;
            Integer column = null;
            if (message.startsWith(file + ":")) {
                Matcher at = AT.matcher(message.substring(file.length() + 1));
                if (at.find()) {
                    line = Integer.valueOf(at.group(1));
                    column = Integer.valueOf(at.group(2));
                }
            }
            return new Verdict(false, "error: " + message, file, line, column, null);
        }
    }

    /** @return {@code message} on one line, as the command line's ErrorOutput prints errors */
    private static String oneLine(String message) {
        return String.valueOf(message).replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r");
    }
}
