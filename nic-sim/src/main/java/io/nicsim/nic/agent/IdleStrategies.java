package io.nicsim.nic.agent;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.List;

/**
 * The ways an agent thread may wait between duty cycles, by the names scenarios use. Each trades the
 * latency of noticing new work against the CPU burnt while there is none:
 * {@code busy-spin} (a core at 100%, reacts in nanoseconds), {@code yield} (gives the core to other runnable
 * threads between checks), {@code backoff} (spins, then yields, then parks up to 1 ms: cheap when idle, slow
 * to react after a quiet spell).
 *
 * <p>Note: Chronicle's own {@code Pauser.busy()} silently turns sleepy on fewer than 8 cores; nicsim never
 * uses it and chooses its waiting here, explicitly.
 */
public final class IdleStrategies {

    public static final String BUSY_SPIN = "busy-spin";
    public static final String YIELD = "yield";
    public static final String BACKOFF = "backoff";

    /** Every name, in documentation order. */
    public static final List<String> NAMES = List.of(BUSY_SPIN, YIELD, BACKOFF);

    private static final long BACKOFF_MIN_PARK_NANOS = 1_000;
    private static final long BACKOFF_MAX_PARK_NANOS = 1_000_000;

    private IdleStrategies() {
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static IdleStrategy named(String name) {
        return switch (name) {
            case BUSY_SPIN -> new BusySpinIdleStrategy();
            case YIELD -> new YieldingIdleStrategy();
            case BACKOFF -> new BackoffIdleStrategy(100, 100, BACKOFF_MIN_PARK_NANOS, BACKOFF_MAX_PARK_NANOS);
            case null, default -> throw new IllegalArgumentException(
                    "expected one of " + NAMES + ", found '" + name + "'");
        };
    }
}
