package io.nicsim.bench.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Tails a live feed: each {@link #poll()} returns the events of the whole lines appended since the last one. A line
 * still being written waits for its end; a line that is not a {@link LiveEvent} is skipped and counted.
 */
public final class LiveFeedReader {

    /** Most bytes one poll reads; a line longer than this is skipped as bad. */
    private static final int MAX_READ_BYTES = 1 << 20;

    private final Path file;
    private long offset;
    private int badLines;

    /** @param file the feed's file (it may not exist yet) */
    public LiveFeedReader(Path file) {
        this.file = file;
    }

    /** @return the events of the whole lines appended since the last call, in order (none if the file is missing) */
    public List<LiveEvent> poll() throws IOException {
        List<LiveEvent> events = new ArrayList<>();
        if (!file.toFile().isFile()) {
            return events;
        }
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < offset) { // rewritten from the start
                offset = 0;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - offset, MAX_READ_BYTES));
            channel.read(buffer, offset);
            bytes = buffer.array();
        }
        int lastEnd = lastLineEnd(bytes);
        if (lastEnd < 0) {
            if (bytes.length == MAX_READ_BYTES) { // one line longer than a read: skip it
                offset += bytes.length;
                badLines++;
            }
            return events;
        }
        offset += lastEnd + 1;
        for (String line : new String(bytes, 0, lastEnd, StandardCharsets.UTF_8).split("\n")) {
            parse(line, events);
        }
        return events;
    }

    private static int lastLineEnd(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** @return lines skipped because they were not live events */
    public int badLines() {
        return badLines;
    }

    private void parse(String line, List<LiveEvent> events) {
        if (line.isBlank()) {
            return;
        }
        LiveEvent event = LiveFeed.parse(line);
        if (event == null) {
            badLines++;
        } else {
            events.add(event);
        }
    }
}
