package io.nicsim.firmware.policy.dim;

/**
 * The receive moderation profiles of Linux DIM ({@code lib/dim/net_dim.c}, docs/semantics.md#dim): five
 * (timer, frame count) pairs per timer mode, from the least moderation (index 0: lowest latency, most
 * interrupts) to the most (index 4: fewest interrupts, most added latency).
 */
public enum DimProfile {

    /** {@code NET_DIM_RX_EQE_PROFILES}: the timer runs from the first completion. */
    RX_EQE(new int[] {1, 8, 64, 128, 256}, new int[] {256, 256, 256, 256, 256}),

    /** {@code NET_DIM_RX_CQE_PROFILES}: the timer restarts on every completion. */
    RX_CQE(new int[] {2, 8, 16, 32, 64}, new int[] {256, 128, 64, 64, 64});

    /** {@code NET_DIM_PARAMS_NUM_PROFILES}. */
    public static final int PROFILE_COUNT = 5;

    /** The profile a fresh DIM starts with ({@code NET_DIM_DEF_PROFILE_EQE}, {@code NET_DIM_DEF_PROFILE_CQE}). */
    public static final int DEFAULT_INDEX = 1;

    private final int[] rxUsecs;
    private final int[] rxFrames;

    DimProfile(int[] rxUsecs, int[] rxFrames) {
        this.rxUsecs = rxUsecs;
        this.rxFrames = rxFrames;
    }

    /**
     * @param index 0 to {@link #PROFILE_COUNT} - 1
     * @return the profile's timer in microseconds ({@code usec})
     */
    public int rxUsecs(int index) {
        return rxUsecs[index];
    }

    /**
     * @param index 0 to {@link #PROFILE_COUNT} - 1
     * @return the profile's frame count ({@code pkts})
     */
    public int rxFrames(int index) {
        return rxFrames[index];
    }
}
