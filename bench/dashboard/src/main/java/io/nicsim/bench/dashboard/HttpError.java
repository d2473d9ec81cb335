package io.nicsim.bench.dashboard;

/** A request the API refuses: its HTTP status and one line saying why, sent to the page as {@code {"error": ...}}. */
final class HttpError extends Exception {

    private static final long serialVersionUID = 1L;

    /** The status for a file, folder or run that is not there (or not served: the same answer on purpose). */
    static final int NOT_FOUND = 404;
    /** The status for input the API cannot use. */
    static final int BAD_REQUEST = 400;

    private final int status;

    HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return a 404 saying {@code what} is not there */
    static HttpError notFound(String what) {
        return new HttpError(NOT_FOUND, what + ": not found");
    }

    int status() {
        return status;
    }
}
