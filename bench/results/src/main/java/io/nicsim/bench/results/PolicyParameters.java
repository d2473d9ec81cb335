package io.nicsim.bench.results;

import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.PolicyFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters a run's policy actually uses, by scenario key name, as summary.json reports them. */
public final class PolicyParameters {

    private PolicyParameters() {
    }

    public static Map<String, Object> of(FirmwareConfig config) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("policy", config.policy());
        p.put("pollIntervalNanos", config.pollIntervalNanos());
        switch (config.policy()) {
            case "coalesce" -> {
                p.put("rxUsecs", config.rxUsecs());
                p.put("rxFrames", config.rxFrames());
                p.put("timerMode", config.timerMode());
                p.put("itrNanos", config.itrNanos());
            }
            case PolicyFactory.NAPI -> p.put("budget", config.budget());
            case PolicyFactory.NAPI_DEFER, PolicyFactory.IRQ_SUSPEND -> {
                p.put("budget", config.budget());
                p.put("deferHardIrqs", config.deferHardIrqs());
                p.put("groFlushTimeoutNanos", config.groFlushTimeoutNanos());
                if (config.policy().equals(PolicyFactory.IRQ_SUSPEND)) {
                    p.put("irqSuspendTimeoutNanos", config.irqSuspendTimeoutNanos());
                    p.put("busyPollNanos", config.busyPollNanos());
                }
            }
            case PolicyFactory.DIM -> p.put("dimMode", config.dimMode());
            case PolicyFactory.ADAPTIVE_ITR -> p.put("itrMode", config.itrMode());
            case PolicyFactory.POLL_MODE -> p.put("burst", config.burst());
            case PolicyFactory.HYBRID_POLL -> {
                p.put("burst", config.burst());
                p.put("hybridPauseAfterEmptyPolls", config.hybridPauseAfterEmptyPolls());
                p.put("hybridSleepAfterEmptyPolls", config.hybridSleepAfterEmptyPolls());
                p.put("hybridPauseNanos", config.hybridPauseNanos());
                p.put("hybridSleepTimeoutNanos", config.hybridSleepTimeoutNanos());
            }
            default -> {
            }
        }
        return p;
    }
}
