package io.nicsim.firmware.policy;

import io.nicsim.firmware.driver.DrainDriver;
import io.nicsim.firmware.driver.HybridPollDriver;
import io.nicsim.firmware.driver.IrqSuspendDriver;
import io.nicsim.firmware.driver.NapiDeferDriver;
import io.nicsim.firmware.driver.NapiDriver;
import io.nicsim.firmware.driver.PollModeDriver;

import java.util.List;

/**
 * Creates a fresh {@link Policy} (device half and driver half, one pair per RX queue) from a
 * {@link FirmwareConfig}. The pairs:
 * <ul>
 *   <li>{@code per-packet}, {@code coalesce}, {@code dim}, {@code adaptive-itr}: the device moderates, never
 *       masks; the driver drains the ring on each interrupt ({@link DrainDriver});</li>
 *   <li>{@code napi}, {@code napi-defer}, {@code irq-suspend}: the interrupt auto-masks when it fires and the
 *       driver re-arms it through the doorbell when its rule says so;</li>
 *   <li>{@code poll-mode}: no interrupts; the consumer polls;</li>
 *   <li>{@code hybrid-poll}: the consumer polls, and arms the interrupt only to sleep.</li>
 * </ul>
 */
public final class PolicyFactory {

    public static final String NAPI = "napi";
    public static final String NAPI_DEFER = "napi-defer";
    public static final String IRQ_SUSPEND = "irq-suspend";
    public static final String DIM = "dim";
    public static final String ADAPTIVE_ITR = "adaptive-itr";
    public static final String POLL_MODE = "poll-mode";
    public static final String HYBRID_POLL = "hybrid-poll";

    /** Every policy name a scenario may use, in documentation order. */
    public static final List<String> NAMES = List.of(PerPacketPolicy.NAME, CoalescePolicy.NAME, NAPI, NAPI_DEFER,
            IRQ_SUSPEND, DIM, ADAPTIVE_ITR, POLL_MODE, HYBRID_POLL);

    /** Timer modes by the names scenario files use. */
    public static final List<String> TIMER_MODES = List.of("eqe", "cqe");
    /** e1000e ITR modes by the names scenario files use. */
    public static final List<String> ITR_MODES = List.of("dynamic-conservative", "dynamic");

    private PolicyFactory() {
    }

    /**
     * @throws IllegalArgumentException for an unknown name or parameters the policy rejects; the message
     *                                  names the offending key
     */
    public static Policy create(FirmwareConfig config) {
        if (config.pollIntervalNanos() < 0) {
            throw new IllegalArgumentException("firmware.pollIntervalNanos must be >= 0, got "
                    + config.pollIntervalNanos());
        }
        String name = config.policy();
        return switch (name) {
            case PerPacketPolicy.NAME -> new Policy(name, new PerPacketPolicy(), new DrainDriver());
            case CoalescePolicy.NAME -> new Policy(name, new CoalescePolicy(config.rxUsecs(), config.rxFrames(),
                    timerMode("firmware.timerMode", config.timerMode()), config.itrNanos()), new DrainDriver());
            case NAPI -> new Policy(name, new NapiInterruptPolicy(false), new NapiDriver(config.budget()));
            case NAPI_DEFER -> new Policy(name, new NapiInterruptPolicy(false),
                    new NapiDeferDriver(config.budget(), config.deferHardIrqs(), config.groFlushTimeoutNanos()));
            case IRQ_SUSPEND -> new Policy(name, new NapiInterruptPolicy(false), new IrqSuspendDriver(config.budget(),
                    config.deferHardIrqs(), config.groFlushTimeoutNanos(), config.irqSuspendTimeoutNanos(),
                    config.busyPollNanos()));
            case DIM -> new Policy(name, new DimPolicy(timerMode("firmware.dimMode", config.dimMode())),
                    new DrainDriver());
            case ADAPTIVE_ITR -> new Policy(name, new AdaptiveItrPolicy(itrConservative(config.itrMode())),
                    new DrainDriver());
            case POLL_MODE -> new Policy(name, new NoInterruptPolicy(), new PollModeDriver(config.burst()));
            case HYBRID_POLL -> new Policy(name, new NapiInterruptPolicy(true), new HybridPollDriver(config.burst(),
                    config.hybridPauseAfterEmptyPolls(), config.hybridSleepAfterEmptyPolls(), config.hybridPauseNanos(),
                    config.hybridSleepTimeoutNanos()));
            case null, default -> throw new IllegalArgumentException(
                    "firmware.policy: expected one of " + NAMES + ", found '" + name + "'");
        };
    }

    private static TimerMode timerMode(String key, String mode) {
        return switch (mode) {
            case "eqe" -> TimerMode.EQE;
            case "cqe" -> TimerMode.CQE;
            case null, default -> throw new IllegalArgumentException(
                    key + ": expected one of " + TIMER_MODES + ", found '" + mode + "'");
        };
    }

    private static boolean itrConservative(String mode) {
        return switch (mode) {
            case "dynamic-conservative" -> true;
            case "dynamic" -> false;
            case null, default -> throw new IllegalArgumentException(
                    "firmware.itrMode: expected one of " + ITR_MODES + ", found '" + mode + "'");
        };
    }
}
