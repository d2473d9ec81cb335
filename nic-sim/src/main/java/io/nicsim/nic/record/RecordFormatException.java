package io.nicsim.nic.record;

/** A queue holds a record this build cannot read: another format version, another type, or a short record. */
public final class RecordFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RecordFormatException(String message) {
        super(message);
    }
}
