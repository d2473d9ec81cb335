package io.nicsim.firmware.policy;

import java.util.List;

/** Creates a fresh policy instance (one per RX queue) from a {@link FirmwareConfig}. */
public final class PolicyFactory {

    /** Every policy name a scenario may use, in documentation order. */
    public static final List<String> NAMES = List.of(PerPacketPolicy.NAME, CoalescePolicy.NAME);

    private PolicyFactory() {
    }

    /**
     * @throws IllegalArgumentException for an unknown name or parameters the policy rejects; the message
     *                                  names the offending key
     */
    public static NotificationPolicy create(FirmwareConfig config) {
        if (config.pollIntervalNanos() < 0) {
            throw new IllegalArgumentException("firmware.pollIntervalNanos must be >= 0, got " + config.pollIntervalNanos());
        }
        return switch (config.policy()) {
            case PerPacketPolicy.NAME -> new PerPacketPolicy();
            case CoalescePolicy.NAME -> new CoalescePolicy(config.rxUsecs(), config.rxFrames());
            case null, default -> throw new IllegalArgumentException(
                    "firmware.policy: expected one of " + NAMES + ", found '" + config.policy() + "'");
        };
    }
}
