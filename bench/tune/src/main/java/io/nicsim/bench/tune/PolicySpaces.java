package io.nicsim.bench.tune;

import io.nicsim.firmware.policy.CoalescePolicy;
import io.nicsim.firmware.policy.PolicyFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys each firmware policy can be tuned on, with the ranges searched by default. Each policy lists the keys
 * searched unless told otherwise, and optional ones a {@code --range} adds to the search. Ranges span what the
 * real settings span (ethtool's rx-usecs up to a few hundred µs, NAPI weights up to 256, DPDK's empty-poll
 * thresholds over decades), not everything a key accepts.
 */
public final class PolicySpaces {

    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;

    /**
     * One tunable key of a policy.
     *
     * @param parameter its default range
     * @param searched  searched by default; else only when a --range names it
     */
    public record Declared(TuneParameter parameter, boolean searched) {
    }

    private static final Map<String, List<Declared>> BY_POLICY = new LinkedHashMap<>();

    static {
        TuneParameter budget = TuneParameter.integer("firmware.budget", 1, 256, true);
        TuneParameter deferHardIrqs = TuneParameter.integer("firmware.deferHardIrqs", 0, 16, false);
        TuneParameter groFlushTimeout = TuneParameter.duration("firmware.groFlushTimeoutNanos", 0, 200 * US, US, false);
        TuneParameter burst = TuneParameter.integer("firmware.burst", 1, 256, true);

        BY_POLICY.put(CoalescePolicy.NAME, List.of(
                new Declared(TuneParameter.integer("firmware.rxUsecs", 0, 128, false), true),
                new Declared(TuneParameter.integer("firmware.rxFrames", 0, 128, true), true),
                new Declared(TuneParameter.choice("firmware.timerMode", PolicyFactory.TIMER_MODES), false),
                new Declared(TuneParameter.duration("firmware.itrNanos", 0, 100 * US, US, false), false)));
        BY_POLICY.put(PolicyFactory.NAPI, List.of(new Declared(budget, true)));
        BY_POLICY.put(PolicyFactory.NAPI_DEFER, List.of(
                new Declared(deferHardIrqs, true),
                new Declared(groFlushTimeout, true),
                new Declared(budget, false)));
        BY_POLICY.put(PolicyFactory.IRQ_SUSPEND, List.of(
                new Declared(deferHardIrqs, true),
                new Declared(groFlushTimeout, true),
                new Declared(TuneParameter.duration("firmware.irqSuspendTimeoutNanos", 100 * US, 50 * MS, 100 * US,
                        true), false),
                new Declared(budget, false)));
        BY_POLICY.put(PolicyFactory.DIM, List.of(
                new Declared(TuneParameter.choice("firmware.dimMode", PolicyFactory.TIMER_MODES), true)));
        BY_POLICY.put(PolicyFactory.ADAPTIVE_ITR, List.of(
                new Declared(TuneParameter.choice("firmware.itrMode", PolicyFactory.ITR_MODES), true)));
        BY_POLICY.put(PolicyFactory.POLL_MODE, List.of(new Declared(burst, true)));
        BY_POLICY.put(PolicyFactory.HYBRID_POLL, List.of(
                new Declared(TuneParameter.integer("firmware.hybridPauseAfterEmptyPolls", 0, 1_000, true), true),
                new Declared(TuneParameter.integer("firmware.hybridSleepAfterEmptyPolls", 1, 10_000, true), true),
                new Declared(TuneParameter.duration("firmware.hybridPauseNanos", 100, 100 * US, 100, true), true),
                new Declared(TuneParameter.duration("firmware.hybridSleepTimeoutNanos", 100 * US, 100 * MS, 100 * US,
                        true), false),
                new Declared(burst, false)));
    }

    private PolicySpaces() {
    }

    /** @return the policy's tunable keys (empty for a policy with none, such as per-packet) */
    public static List<Declared> of(String policy) {
        return BY_POLICY.getOrDefault(policy, List.of());
    }

    /** @return the policies that have tunable keys */
    public static List<String> tunablePolicies() {
        return List.copyOf(BY_POLICY.keySet());
    }
}
