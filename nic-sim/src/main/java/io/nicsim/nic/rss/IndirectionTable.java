package io.nicsim.nic.rss;

import java.util.Arrays;

/**
 * The RSS indirection table (RETA): the low 7 bits of a packet's hash index one of {@value #ENTRIES} entries, each
 * naming the receive queue (Intel 82599: 128 entries, hash bits 6:0; Linux {@code ethtool -X}). The default spreads
 * the entries round-robin over the queues ({@code entry i -> i % queues}), as drivers do at start.
 */
public final class IndirectionTable {

    /** Entries of the table: 128, indexed by the hash's low 7 bits. */
    public static final int ENTRIES = 128;
    private static final int MASK = ENTRIES - 1;

    private final int[] queueOfEntry;
    private final int queues;

    private IndirectionTable(int[] queueOfEntry, int queues) {
        this.queueOfEntry = queueOfEntry;
        this.queues = queues;
    }

    /** @return a table spreading its entries round-robin over {@code queues} queues (1 to 128) */
    public static IndirectionTable roundRobin(int queues) {
        if (queues < 1 || queues > ENTRIES) {
            throw new IllegalArgumentException("queues must be in [1, " + ENTRIES + "], found " + queues);
        }
        int[] entries = new int[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            entries[i] = i % queues;
        }
        return new IndirectionTable(entries, queues);
    }

    /** @return a table with these {@value #ENTRIES} entries, each a queue in {@code [0, queues)} */
    public static IndirectionTable of(int[] entries, int queues) {
        if (entries.length != ENTRIES) {
            throw new IllegalArgumentException("an indirection table has " + ENTRIES + " entries, found "
                    + entries.length);
        }
        for (int entry : entries) {
            if (entry < 0 || entry >= queues) {
                throw new IllegalArgumentException("entry " + entry + " is not a queue in [0, " + queues + ")");
            }
        }
        return new IndirectionTable(entries.clone(), queues);
    }

    /** @return the queue a packet with this RSS hash goes to */
    public int queueOf(int hash) {
        return queueOfEntry[hash & MASK];
    }

    public int queues() {
        return queues;
    }

    @Override
    public String toString() {
        return "IndirectionTable" + Arrays.toString(queueOfEntry);
    }
}
