package io.nicsim.firmware.policy;

import io.nicsim.firmware.policy.dim.DimProfile;
import io.nicsim.firmware.policy.dim.NetDim;

/**
 * Linux DIM adaptive coalescing (docs/semantics.md#dim, {@code net_dim} as mlx5 drives it): trades latency for
 * interrupt rate automatically, moving between five coalescing profiles toward the one the measured traffic
 * runs best with, at the cost of probing moves that are sometimes wrong.
 *
 * <p>Coalesces exactly as {@link CoalescePolicy} with the current profile's {@code (usec, pkts)} as
 * {@code (rxUsecs, rxFrames)}, from the {@link DimProfile#RX_EQE} table in {@link TimerMode#EQE} or the
 * {@link DimProfile#RX_CQE} table in {@link TimerMode#CQE}; no minimum gap. Every raised interrupt samples the
 * running counters (events = interrupts raised, packets and bytes completed, wrapping as the kernel's u16/u32
 * counters do) into a {@link NetDim}; when it moves the profile index, the new profile applies to the
 * completions from then on (the change happens at a raise, so nothing is pending under the old one). Starts at
 * profile {@link DimProfile#DEFAULT_INDEX}. Latency bound: the largest profile's, 256 µs in EQE mode,
 * {@code (64 - 1) * 64 µs} in CQE mode.
 */
public final class DimPolicy implements NotificationPolicy {

    /** Name in scenario files and output. */
    public static final String NAME = "dim";

    private final TimerMode timerMode;
    private final DimProfile profiles;
    private final NetDim dim = new NetDim();
    private final CoalesceEngine engine;

    private int eventCounter;
    private int packetCounter;
    private int byteCounter;

    /**
     * @param timerMode EQE (the RX EQE profiles, timer from the first completion) or CQE (the RX CQE profiles,
     *                  timer restarted by every completion)
     * @throws IllegalArgumentException if the mode is null; the message names {@code firmware.dimMode}
     */
    public DimPolicy(TimerMode timerMode) {
        if (timerMode == null) {
            throw new IllegalArgumentException("firmware.dimMode must be eqe or cqe, got null");
        }
        this.timerMode = timerMode;
        this.profiles = timerMode == TimerMode.EQE ? DimProfile.RX_EQE : DimProfile.RX_CQE;
        int index = dim.index();
        this.engine = new CoalesceEngine(profiles.rxUsecs(index) * 1_000L, profiles.rxFrames(index), timerMode, 0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean onCompletion(long nowNanos, int frameBytes) {
        packetCounter++;
        byteCounter += frameBytes;
        return engine.onCompletion(nowNanos);
    }

    @Override
    public boolean onTimer(long nowNanos) {
        return engine.onTimer(nowNanos);
    }

    /** Covers the pending completions, then samples the counters; a new profile index applies at once. */
    @Override
    public void onRaised(long nowNanos) {
        engine.onRaised(nowNanos);
        eventCounter++;
        if (dim.onSample(eventCounter, Integer.toUnsignedLong(packetCounter), Integer.toUnsignedLong(byteCounter),
                nowNanos)) {
            int index = dim.index();
            engine.moderation(profiles.rxUsecs(index) * 1_000L, profiles.rxFrames(index));
        }
    }

    @Override
    public int pendingCompletions() {
        return engine.pendingCompletions();
    }

    @Override
    public long nextTimerNanos() {
        return engine.nextTimerNanos();
    }

    /** @return the timer mode, which also chose the profile table */
    public TimerMode timerMode() {
        return timerMode;
    }

    /** @return the current profile index, 0 (least moderation) to 4 (most) */
    public int profileIndex() {
        return dim.index();
    }

    /** @return the current profile's timer in microseconds */
    public int rxUsecs() {
        return profiles.rxUsecs(dim.index());
    }

    /** @return the current profile's frame count */
    public int rxFrames() {
        return profiles.rxFrames(dim.index());
    }

    /** @return the search state of the DIM machine */
    public NetDim.TuneState tuneState() {
        return dim.state();
    }

    /** @return the DIM machine itself, for tests that check what it measured */
    NetDim netDim() {
        return dim;
    }
}
