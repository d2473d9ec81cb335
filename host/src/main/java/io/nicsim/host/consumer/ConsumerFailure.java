package io.nicsim.host.consumer;

/** Carries an exception from a consumer's own thread to the thread that stops it. */
public final class ConsumerFailure {

    private ConsumerFailure() {
    }

    public static void rethrow(String consumer, Throwable failure) {
        if (failure != null) {
            throw new IllegalStateException("consumer " + consumer + " failed: " + failure.getMessage(), failure);
        }
    }
}
