package io.nicsim.host.consumer;

/**
 * How a consumer's thread sleeps until the interrupt path signals it, and how it sleeps on a timer: the waiting half
 * of a consumer that runs its driver policy on a thread of its own ({@link DriverLoop}). Signals are a sequence the
 * interrupt path moves on; the consumer waits for it to move past the value it last saw, so no signal is lost
 * whichever side runs first. One consumer thread waits, one interrupt-path thread signals, any thread stops.
 */
public interface SignalWait {

    /** Consumer thread, first thing: binds the wait to the calling thread. */
    void bind();

    /** Interrupt path: one more signal, waking the consumer if it sleeps; never blocks. */
    void signal();

    /** @return the signal sequence now */
    long signals();

    /**
     * Consumer thread: blocks until the sequence moves past {@code seen}, {@code deadlineNanos} passes on the
     * consumer's clock ({@link Long#MAX_VALUE}: never), or the wait stops.
     *
     * @return the sequence then ({@code seen} if it did not move)
     */
    long awaitSignal(long seen, long deadlineNanos);

    /** Consumer thread: sleeps until {@code deadlineNanos} or the wait stops, signals or not. @return when it woke */
    long sleepUntil(long deadlineNanos);

    /** Any thread: stop waiting, for good; a blocked consumer returns. */
    void stop();

    /** @return false once stopped */
    boolean running();
}
