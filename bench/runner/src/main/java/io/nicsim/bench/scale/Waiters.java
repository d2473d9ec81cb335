package io.nicsim.bench.scale;

/**
 * Many consumers, each waiting for its next packet in one way: parked platform threads, parked virtual
 * threads, or callbacks registered on an event loop. Created in one process so the memory each costs can be
 * measured, and woken one at a time so the wake-up latency with that many waiters can be.
 */
interface Waiters extends AutoCloseable {

    /** Starts what the consumers share (an event loop), before the memory baseline is taken. */
    default void prepare() throws Exception {
    }

    /**
     * Creates up to {@code count} waiting consumers.
     *
     * @return how many were created; fewer if the machine refused (see {@link #stopReason()})
     */
    int create(int count) throws Exception;

    /** @return why creation stopped early, or null */
    String stopReason();

    /** Wakes consumer {@code index}; it records when it ran, see {@link #wokenNanos(int)}. */
    void wake(int index);

    /** @return when consumer {@code index} ran after its wake-up, 0 if it has not yet */
    long wokenNanos(int index);

    /** Releases every consumer. */
    @Override
    void close() throws Exception;
}
