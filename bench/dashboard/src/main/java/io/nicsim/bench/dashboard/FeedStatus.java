package io.nicsim.bench.dashboard;

import io.nicsim.bench.results.LiveEvent;
import io.nicsim.bench.results.LiveFeed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a live feed stands, from its first line (the study's {@link LiveEvent.Started}) and its last whole line (an
 * {@link LiveEvent.Ended} once the study ended), read without reading the lines between: live, ended (its outcome), or
 * cut short (no end line and its process gone).
 *
 * @param started the feed's first line, or null if it has none yet
 * @param ended   its end line, or null
 * @param state   {@link #LIVE}, {@link #STARTING}, {@link #CUT_SHORT}, or the end's outcome (completed, interrupted,
 *                failed)
 */
public record FeedStatus(LiveEvent.Started started, LiveEvent.Ended ended, String state) {

    /** A study whose process runs and whose feed has no end line. */
    public static final String LIVE = "live";
    /** A feed with no line yet (its study is starting). */
    public static final String STARTING = "starting";
    /** A feed without an end line whose process is gone: killed, or its machine stopped. */
    public static final String CUT_SHORT = "cut-short";
    /** How much of each end of the file is read for its first and last line. */
    private static final int EDGE_BYTES = 64 * 1024;

    /** @return the state of a feed whose lines so far include {@code started} and {@code ended} (either null) */
    public static String state(LiveEvent.Started started, LiveEvent.Ended ended, ProcessCheck processes) {
        if (ended != null) {
            return ended.outcome();
        }
        if (started == null) {
            return STARTING;
        }
        return processes.alive(started.pid(), started.startedAt()) ? LIVE : CUT_SHORT;
    }

    /** @return the status of the feed in {@code file} */
    public static FeedStatus read(Path file, ProcessCheck processes) throws IOException {
        LiveEvent.Started started = null;
        LiveEvent.Ended ended = null;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            String head = read(channel, 0, (int) Math.min(size, EDGE_BYTES));
            int firstEnd = head.indexOf('\n');
            if (firstEnd > 0 && LiveFeed.parse(head.substring(0, firstEnd)) instanceof LiveEvent.Started first) {
                started = first;
            }
            long tailStart = Math.max(0, size - EDGE_BYTES);
            String tail = read(channel, tailStart, (int) (size - tailStart));
            int lastEnd = tail.lastIndexOf('\n');
            if (lastEnd > 0) {
                int lastStart = tail.lastIndexOf('\n', lastEnd - 1) + 1;
                if (LiveFeed.parse(tail.substring(lastStart, lastEnd)) instanceof LiveEvent.Ended last) {
                    ended = last;
                }
            }
        }
        return new FeedStatus(started, ended, state(started, ended, processes));
    }

    private static String read(FileChannel channel, long from, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
            // read until full or at the end
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

}
