package io.nicsim.bench.cli;

/**
 * Input nicsim cannot use (a flag's value, a folder, a file of the wrong kind), found before anything was written: its
 * message is the whole error line, and {@link ExitCodes#of} maps it to {@link ExitCodes#BAD_INPUT}.
 */
public final class BadInput extends Exception {

    private static final long serialVersionUID = 1L;

    public BadInput(String message) {
        super(message);
    }

    public BadInput(String message, Throwable cause) {
        super(message, cause);
    }
}
