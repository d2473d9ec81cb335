package io.nicsim.bench.results;

import java.io.IOException;

/**
 * A file nicsim wrote earlier and reads back (summary.json, sweep.json, a journal) that is not what it should be:
 * cut short, edited by hand, of another version. Its message is one line naming the file and what is wrong.
 */
public final class UnusableFile extends IOException {

    private static final long serialVersionUID = 1L;

    public UnusableFile(String message) {
        super(message);
    }

    public UnusableFile(String message, Throwable cause) {
        super(message, cause);
    }
}
