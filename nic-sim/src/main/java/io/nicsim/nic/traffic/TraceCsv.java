package io.nicsim.nic.traffic;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a CSV trace: one packet per line, {@code timestampNanos,flow,bytes}, in time order (equal timestamps
 * allowed). Timestamps may start anywhere (only the gaps matter); flows are numbers given {@link SyntheticFlows}
 * 5-tuples. An optional header line {@value #HEADER}, blank lines and lines starting with {@code #} are skipped.
 * Any other line that does not parse is an error naming the file and line.
 */
public final class TraceCsv {

    /** The optional header line. */
    public static final String HEADER = "timestampNanos,flow,bytes";

    private TraceCsv() {
    }

    /** @throws IllegalArgumentException "FILE:LINE: what was expected, what was found" */
    public static Trace read(Path file) throws IOException {
        String name = file.toString();
        Trace.Builder packets = new Trace.Builder(name);
        int lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#") || (packets.size() == 0 && text.equals(HEADER))) {
                    continue;
                }
                String where = name + ":" + lineNumber + ": ";
                String[] fields = text.split(",", -1);
                if (fields.length != 3) {
                    throw new IllegalArgumentException(where + "expected 3 fields " + HEADER + ", found "
                            + fields.length + " in " + quote(text));
                }
                long timestamp = parse(fields[0], 0, Long.MAX_VALUE, where + "timestampNanos");
                int flow = (int) parse(fields[1], 0, Integer.MAX_VALUE, where + "flow");
                int bytes = (int) parse(fields[2], 1, Integer.MAX_VALUE, where + "bytes");
                if (timestamp < packets.lastTimestampNanos()) {
                    throw new IllegalArgumentException(where + "timestampNanos " + timestamp + " is before the previous"
                            + " packet's " + packets.lastTimestampNanos() + " (a trace must be in time order)");
                }
                packets.add(timestamp, flow, bytes);
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(name + ":" + (lineNumber + 1)
                    + ": not text (neither a CSV trace nor a pcap file)");
        }
        return packets.build(SyntheticFlows.INSTANCE);
    }

    private static long parse(String field, long min, long max, String what) {
        String text = field.strip();
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": expected an integer, found " + quote(text));
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + ": expected an integer in [" + min + ", " + max + "], found "
                    + quote(text));
        }
        return value;
    }

    /** Quotes a value for a message, cut to a readable length. */
    static String quote(String text) {
        return "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
    }
}
