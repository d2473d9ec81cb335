package io.nicsim.firmware.driver;

/** Deadline arithmetic on nanosecond timestamps. */
final class NanoTimes {

    private NanoTimes() {
    }

    /**
     * @param nowNanos   the current time
     * @param delayNanos a delay, {@code >= 0}
     * @return {@code nowNanos + delayNanos}, saturated at {@code Long.MAX_VALUE} so that a deadline is never
     *         earlier than {@code nowNanos}
     */
    static long after(long nowNanos, long delayNanos) {
        long deadlineNanos = nowNanos + delayNanos;
        return deadlineNanos < nowNanos ? Long.MAX_VALUE : deadlineNanos;
    }
}
