package io.nicsim.host.model;

import java.util.Arrays;

/**
 * The virtual host's event queue: each entity (a queue's driver, a queue's interrupt line, a worker) has at most one
 * pending event, kept in an indexed binary min-heap of primitives: setting, moving or clearing an entity's event is
 * O(log n), nothing allocated, nothing boxed. Ties go to the lower entity id, so a run is deterministic.
 */
final class EventHeap {

    /** No pending event. */
    static final long NONE = Long.MAX_VALUE;

    private final long[] time;
    private final int[] heap;
    private final int[] position;
    private int size;

    EventHeap(int entities) {
        time = new long[entities];
        heap = new int[entities];
        position = new int[entities];
        Arrays.fill(time, NONE);
        Arrays.fill(position, -1);
    }

    /** Sets (or moves, or with {@link #NONE} clears) the pending event of {@code id}. */
    void set(int id, long nanos) {
        int at = position[id];
        if (nanos == NONE) {
            if (at >= 0) {
                remove(at);
            }
            time[id] = NONE;
            return;
        }
        long old = time[id];
        time[id] = nanos;
        if (at < 0) {
            heap[size] = id;
            position[id] = size;
            up(size++);
        } else if (nanos > old) {
            down(at);
        } else {
            up(at);
        }
    }

    /** @return the pending event's time of {@code id}, or {@link #NONE} */
    long timeOf(int id) {
        return time[id];
    }

    /** @return the earliest pending time, or {@link #NONE} */
    long peekTime() {
        return size == 0 ? NONE : time[heap[0]];
    }

    /** @return the entity with the earliest event (call only when not empty) */
    int peekId() {
        return heap[0];
    }

    private void remove(int at) {
        int id = heap[at];
        position[id] = -1;
        size--;
        if (at == size) {
            return;
        }
        int last = heap[size];
        heap[at] = last;
        position[last] = at;
        down(at);
        up(position[last]);
    }

    private boolean before(int a, int b) {
        return time[a] < time[b] || (time[a] == time[b] && a < b);
    }

    private void up(int at) {
        int id = heap[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(id, heap[parent])) {
                break;
            }
            heap[at] = heap[parent];
            position[heap[at]] = at;
            at = parent;
        }
        heap[at] = id;
        position[id] = at;
    }

    private void down(int at) {
        int id = heap[at];
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], id)) {
                break;
            }
            heap[at] = heap[child];
            position[heap[at]] = at;
            at = child;
        }
        heap[at] = id;
        position[id] = at;
    }
}
