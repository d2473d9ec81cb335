package io.nicsim.host.handler;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Preallocated {@link HandlerCall} slots for packets in flight at once: an event loop's packets waiting for their
 * completions (which come on any thread, in any order), a verticle's or a virtual thread's packets. Free slots are a
 * lock-free stack of slot indices (Treiber's, its head tagged with a version against ABA) that any thread may push to
 * and pop from: nothing allocated per packet, no lock, and the slot freed last is the first reused (warm in cache).
 * A pool with no free slot is full: its taker stops draining (the packets wait in their buffer) or drops them
 * ({@code socket-full}) as its consumer does, until a slot comes back.
 */
public final class CallPool {

    private static final int NONE = -1;

    private final HandlerCall[] calls;
    /** The index below each free slot on the stack. */
    private final AtomicIntegerArray next;
    /** Version in the high 32 bits, top slot index (or {@link #NONE}) in the low 32. */
    private final AtomicLong head = new AtomicLong(NONE & 0xFFFF_FFFFL);
    private final java.util.concurrent.atomic.AtomicInteger free = new java.util.concurrent.atomic.AtomicInteger();
    private final Runnable onFreed;

    CallPool(Handling handling, int slots, Runnable onFreed) {
        if (slots < 1) {
            throw new IllegalArgumentException("a pool needs at least 1 slot, got " + slots);
        }
        this.calls = new HandlerCall[slots];
        this.next = new AtomicIntegerArray(slots);
        this.onFreed = onFreed;
        for (int i = slots - 1; i >= 0; i--) {
            calls[i] = new HandlerCall(handling, this, i);
            push(i);
        }
    }

    /** Any thread: @return a free slot, or null if every slot is in flight */
    public HandlerCall acquire() {
        while (true) {
            long h = head.get();
            int top = (int) h;
            if (top == NONE) {
                return null;
            }
            long popped = (h & 0xFFFF_FFFF_0000_0000L) + (1L << 32) | next.get(top) & 0xFFFF_FFFFL;
            if (head.compareAndSet(h, popped)) {
                free.decrementAndGet();
                return calls[top];
            }
        }
    }

    /** Any thread: gives back a slot taken with {@link #acquire()}, then runs the pool's {@code onFreed}. */
    public void release(HandlerCall call) {
        push(call.index());
        onFreed.run();
    }

    private void push(int index) {
        while (true) {
            long h = head.get();
            next.set(index, (int) h);
            long pushed = (h & 0xFFFF_FFFF_0000_0000L) + (1L << 32) | index & 0xFFFF_FFFFL;
            if (head.compareAndSet(h, pushed)) {
                free.incrementAndGet();
                return;
            }
        }
    }

    /** @return slots free now (a snapshot while others take or give back) */
    public int free() {
        return Math.max(0, free.get());
    }

    /** @return the number of slots */
    public int capacity() {
        return calls.length;
    }

    /** @return slot {@code index} (0 to {@link #capacity()} - 1) */
    public HandlerCall call(int index) {
        return calls[index];
    }

    HandlerCall[] calls() {
        return calls;
    }
}
