package io.nicsim.bench.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a summary.json read back must hold for nicsim to use it (a file edited by hand, cut short, or of another
 * tool): valid JSON of the right types, the keys reports read, counts that are not negative and packets that
 * balance ({@code generated = delivered + dropped}, the reasons adding up to the drops). Each problem is one
 * sentence naming the file and the key ({@code runs[0].packets.generated}).
 */
public final class SummaryCheck {

    private SummaryCheck() {
    }

    /**
     * @return a read error of {@code file} as one line: "FILE:LINE:COL: not valid JSON: ..." or "FILE: runs[0].packets:
     *         expected ..., found ..."
     */
    public static String describe(Path file, JsonProcessingException e) {
        String problem = firstLine(e.getOriginalMessage());
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            problem = "expected " + typeWord(mismatch.getTargetType()) + ", found " + found(mismatch);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && !(e.getCause() instanceof StreamReadException)) {
            return file + ": " + path(mapping.getPath()) + ": " + problem;
        }
        if (e instanceof InputCoercionException || e.getCause() instanceof InputCoercionException) {
            String key = outOfRange(file);
            return file + ": " + (key == null ? "" : key + ": ") + "out of range: " + problem;
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? file.toString()
                : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
        return where + (e instanceof StreamReadException || e.getCause() instanceof StreamReadException
                ? ": not valid JSON: " : ": ") + problem;
    }

    /** @return the first thing wrong with a summary read from {@code file}, as "FILE: key: what", or null */
    public static String problem(Path file, Summary summary) {
        String problem = problem(summary);
        return problem == null ? null : file + ": " + problem;
    }

    static String problem(Summary summary) {
        if (summary == null) {
            return "empty: no summary in it";
        }
        if (summary.scenario() == null) {
            return "scenario: missing";
        }
        List<RunResult> runs = summary.runs();
        if (runs == null || runs.isEmpty()) {
            return "runs: missing or empty";
        }
        for (int i = 0; i < runs.size(); i++) {
            String problem = runProblem(runs.get(i));
            if (problem != null) {
                return "runs[" + i + "]." + problem;
            }
        }
        return null;
    }

    private static String runProblem(RunResult run) {
        if (run == null) {
            return "null: expected a run";
        }
        if (run.what() == null || run.what().consumer() == null) {
            return "consumer: missing";
        }
        if (run.counts() == null || run.counts().packets() == null) {
            return "packets: missing";
        }
        String packets = packetsProblem(run.counts().packets());
        if (packets != null) {
            return "packets." + packets;
        }
        RunResult.Counts counts = run.counts();
        for (Map.Entry<String, Long> count : Map.of("interrupts", counts.interrupts(), "interruptsDelivered",
                counts.interruptsDelivered(), "doorbells", counts.doorbells()).entrySet()) {
            if (count.getValue() < 0) {
                return count.getKey() + ": " + count.getValue() + " is below 0";
            }
        }
        if (run.latencies() == null || run.latencies().latencyNanos() == null
                || run.latencies().latencyNanos().notification() == null) {
            return "latencyNanos.notification: missing";
        }
        RunResult.Window window = run.window();
        if (window == null || window.measuredNanos() < 0 || window.trafficNanos() < 0 || window.warmupNanos() < 0) {
            return "measuredNanos: missing or below 0";
        }
        return null;
    }

    private static String packetsProblem(RunResult.PacketCounts packets) {
        for (Map.Entry<String, Long> count : Map.of("generated", packets.generated(), "delivered",
                packets.delivered(), "dropped", packets.dropped(), "measured", packets.measured()).entrySet()) {
            if (count.getValue() < 0) {
                return count.getKey() + ": " + count.getValue() + " is below 0";
            }
        }
        if (packets.generated() != packets.delivered() + packets.dropped()) {
            return "generated: " + packets.generated() + " is not delivered " + packets.delivered() + " + dropped "
                    + packets.dropped() + ": every packet is delivered or dropped";
        }
        if (packets.dropReasons() != null) {
            long reasons = 0;
            for (Map.Entry<String, Long> reason : packets.dropReasons().entrySet()) {
                if (reason.getValue() == null || reason.getValue() < 0) {
                    return "dropReasons." + reason.getKey() + ": " + reason.getValue() + " is not a count";
                }
                reasons += reason.getValue();
            }
            if (reasons != packets.dropped()) {
                return "dropReasons: they add up to " + reasons + ", dropped is " + packets.dropped();
            }
        }
        return null;
    }

    /**
     * A number too large for the field read from a tree (a run's keys) carries no place: the first number in the file
     * that fits no 64-bit integer is it.
     *
     * @return its key, as {@code runs[0].packets.generated}, or null
     */
    private static String outOfRange(Path file) {
        try {
            return outOfRange(new ObjectMapper().readTree(file.toFile()), "");
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static String outOfRange(JsonNode node, String at) {
        if (node.isNumber() && !node.canConvertToLong()) {
            return at;
        }
        int index = 0;
        for (var it = node.isObject() ? node.properties().iterator() : null; it != null && it.hasNext(); ) {
            var field = it.next();
            String found = outOfRange(field.getValue(), at.isEmpty() ? field.getKey() : at + "." + field.getKey());
            if (found != null) {
                return found;
            }
        }
        for (var element : node.isArray() ? node : List.<JsonNode>of()) {
            String found = outOfRange(element, at + "[" + index++ + "]");
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** @return Jackson's path as a reader writes it: {@code runs[0].packets.generated} */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                text.append(text.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.length();
        for (String noise : List.of("\n", " (start marker at", " at [Source")) {
            int at = message.indexOf(noise);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        return message.substring(0, end);
    }

    /** @return what a JSON value of this Java type is, in words: "an integer", "an object" */
    private static String typeWord(Class<?> type) {
        if (type == long.class || type == int.class || type == Long.class || type == Integer.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return List.class.isAssignableFrom(type) ? "a list" : "an object";
    }

    /** @return the value a reader found where another kind was expected: 'many', a list, an object */
    private static String found(MismatchedInputException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            return "'" + invalid.getValue() + "'";
        }
        if (!(e.getProcessor() instanceof JsonParser parser) || parser.currentToken() == null) {
            return "another kind of value";
        }
        return switch (parser.currentToken()) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> {
                try {
                    yield "'" + parser.getText() + "'";
                } catch (IOException unreadable) {
                    yield "a string";
                }
            }
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            default -> "a number";
        };
    }
}
