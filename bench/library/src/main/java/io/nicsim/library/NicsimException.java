package io.nicsim.library;

/**
 * A run that could not be made or did not finish: its message is one line, the one {@code ./nicsim run} prints after
 * {@code error: } for the same cause. A {@link NicsimInputException} is input nicsim cannot use (the command line's
 * exit code 2), found before anything was written; any other is a run that failed (exit code 1), whose run folder, if
 * it was made, says so.
 */
public class NicsimException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line saying what went wrong and where */
    public NicsimException(String message) {
        super(message);
    }

    /** @param message one line saying what went wrong and where; {@code cause} keeps the details */
    public NicsimException(String message, Throwable cause) {
        super(message, cause);
    }
}
