package io.nicsim.bench.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a result a worker sends back may hold, checked before a byte of it is written: relative names of at most two
 * segments of {@code [A-Za-z0-9._=-]} (no {@code ..}, no absolute path, nothing under {@code queues/}: the journals
 * stay on the worker), at most {@value #MAX_FILES} files, each at most {@value #MAX_FILE_BYTES} bytes and
 * {@value #MAX_ITEM_BYTES} in all, and a summary.json.
 */
public final class ResultRules {

    /** The most files one result may hold (a run folder has a few per consumer and round). */
    public static final int MAX_FILES = 2_000;
    /** The most one file may hold: packets.csv of a long, fast point is hundreds of MB. */
    public static final long MAX_FILE_BYTES = 8L << 30;
    /** The most one result may hold in all. */
    public static final long MAX_ITEM_BYTES = 16L << 30;
    /** The journals' folder, which never leaves the worker. */
    public static final String QUEUES = "queues";
    /** The file every result has. */
    public static final String SUMMARY = "summary.json";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._=-]{1,200}");

    private ResultRules() {
    }

    /**
     * A file a worker announces.
     *
     * @param name   its path in the run folder, {@code /}-separated
     * @param bytes  its size
     * @param sha256 its SHA-256, lower-case hex
     */
    public record FileEntry(String name, long bytes, String sha256) {
    }

    /** @return why {@code name} may not be a run folder's name (one segment), or null */
    public static String folderProblem(String name) {
        return segmentProblem(name) == null ? null : "folder name '" + name + "' is not one segment of"
                + " [A-Za-z0-9._=-]";
    }

    /** @return why {@code name} may not be written, or null */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "a file without a name";
        }
        String[] segments = name.split("/", -1);
        if (segments.length > 2) {
            return "'" + name + "' is deeper than two folders";
        }
        for (String segment : segments) {
            if (segmentProblem(segment) != null) {
                return "'" + name + "' is not a relative name of [A-Za-z0-9._=-] segments";
            }
        }
        if (segments[0].equals(QUEUES)) {
            return "'" + name + "' is under queues/ (journals stay on the worker)";
        }
        return null;
    }

    private static String segmentProblem(String segment) {
        return segment == null || !SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")
                ? "bad" : null;
    }

    /** @return why these files may not be taken, or null */
    public static String manifestProblem(List<FileEntry> files) {
        if (files.size() > MAX_FILES) {
            return files.size() + " files, more than " + MAX_FILES;
        }
        Set<String> names = new HashSet<>();
        long total = 0;
        for (FileEntry file : files) {
            String problem = nameProblem(file.name());
            if (problem != null) {
                return problem;
            }
            if (!names.add(file.name())) {
                return "'" + file.name() + "' twice";
            }
            if (file.bytes() < 0 || file.bytes() > MAX_FILE_BYTES) {
                return "'" + file.name() + "' of " + file.bytes() + " bytes (at most " + MAX_FILE_BYTES + ")";
            }
            if (file.sha256() == null || !file.sha256().matches("[0-9a-f]{64}")) {
                return "'" + file.name() + "' without a SHA-256";
            }
            total += file.bytes();
        }
        if (total > MAX_ITEM_BYTES) {
            return total + " bytes in all (at most " + MAX_ITEM_BYTES + ")";
        }
        for (String name : names) {
            int slash = name.indexOf('/');
            if (slash > 0 && names.contains(name.substring(0, slash))) {
                return "'" + name.substring(0, slash) + "' is both a file and a folder";
            }
        }
        return names.contains(SUMMARY) ? null : "no " + SUMMARY;
    }
}
