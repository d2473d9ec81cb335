package io.nicsim.firmware.driver;

/** Argument checks shared by the driver policies; messages name the configuration key, as the factories do. */
final class Checks {

    private Checks() {
    }

    /** @return {@code value}, if it is at least {@code min} */
    static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /** @return {@code value}, if it is at least {@code min} */
    static long atLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /** Rejects a poll result the consumer loop cannot have produced (it allocates only when it throws). */
    static void packets(int packets, int budget) {
        if (packets < 0 || packets > budget) {
            throw new IllegalArgumentException("a poll took " + packets + " packets, outside [0, " + budget + "]");
        }
    }
}
