package io.nicsim.library;

/**
 * Input nicsim cannot use, found before anything ran or was written: a scenario file, an override, the handler class,
 * the output folder, the disk space the run needs, or the JVM's flags. Its message is the one line the command line
 * prints for it after {@code error: } (and exits 2), e.g. {@code --set: run.duration: expected a duration such
 * as 500ns, 10us, 1.5ms, 2s or 1m, found 'fast'}.
 */
public class NicsimInputException extends NicsimException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where, made one line */
    public NicsimInputException(String message) {
        super(message);
    }

    /** @param message what is wrong and where, made one line; {@code cause} keeps the details */
    public NicsimInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
