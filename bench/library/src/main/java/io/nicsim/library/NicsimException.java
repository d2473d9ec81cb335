package io.nicsim.library;

/**
 * A run that could not be made or did not finish: its message is one line, the one {@code ./nicsim run} prints after
 * {@code error: } for the same cause. A {@link NicsimInputException} is input nicsim cannot use (the command line's
 * exit code 2), found before anything was written; any other is a run that failed (exit code 1), whose run folder, if
 * it was made, says so.
 */
public class NicsimException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and where; a line break in it is written {@code \n}, as the CLI writes it */
    public NicsimException(String message) {
        super(oneLine(message));
    }

    /** @param message what went wrong and where, made one line; {@code cause} keeps the details */
    public NicsimException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** @return {@code message} with its line breaks written as {@code \n} (a value typed with one, echoed back) */
    static String oneLine(String message) {
        return String.valueOf(message).replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r");
    }
}
