package io.nicsim.nic.port;

/**
 * Where the device notes each doorbell as it executes it, at the model time it gave it: the doorbells' model times, so
 * a run's decisions can be recomputed offline from its journal (docs/semantics.md#device-time). One thread (the
 * device's); nothing allocated per doorbell.
 */
public interface DoorbellLog extends AutoCloseable {

    /** Notes nothing (virtual time without a journal, tests). */
    DoorbellLog NONE = new DoorbellLog() {
        @Override
        public void executed(int queue, int kind, long consumedPacketId, long modelNanos) {
        }

        @Override
        public void close() {
        }
    };

    /** The device executed a doorbell of {@code kind} for RX queue {@code queue} at model time {@code modelNanos}. */
    void executed(int queue, int kind, long consumedPacketId, long modelNanos);

    @Override
    void close();
}
