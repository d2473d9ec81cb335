package io.nicsim.bench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a study's live feed: one {@link LiveEvent} per line of JSON, appended and flushed as it happens, so a reader
 * ({@link LiveFeedReader}) that tails the file sees whole lines. A feed that cannot be written stops writing with no
 * error to the study (the feed is a view; the study's results do not depend on it). {@link #NONE} writes nothing.
 */
public class LiveFeed implements AutoCloseable {

    /** The feed's file name in the study's folder. */
    public static final String FILE_NAME = "live.jsonl";

    /** A feed that writes nothing (no {@code --live}). */
    public static final LiveFeed NONE = new LiveFeed(null);

    static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private OutputStream out;

    private LiveFeed(OutputStream out) {
        this.out = out;
    }

    /** @return a feed appending to {@code folder}/{@value #FILE_NAME}, created if missing */
    public static LiveFeed open(Path folder) throws IOException {
        return new LiveFeed(Files.newOutputStream(folder.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE));
    }

    /** @return whether this feed writes anything */
    public boolean live() {
        return this != NONE;
    }

    /** Appends {@code event} as one line; after a failed write the feed writes nothing more. */
    public synchronized void write(LiveEvent event) {
        if (out == null) {
            return;
        }
        try {
            out.write((line(event) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            closeQuietly();
        }
    }

    /** @return {@code event} as its line of JSON, without the line end */
    public static String line(LiveEvent event) {
        try {
            return JSON.writerFor(LiveEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a live event: " + e.getOriginalMessage(), e);
        }
    }

    /** @return the event one line of a feed holds, or null if the line is not a live event */
    public static LiveEvent parse(String line) {
        try {
            return JSON.readValue(line, LiveEvent.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the feed is a view; nothing to tell the study
            }
            out = null;
        }
    }
}
