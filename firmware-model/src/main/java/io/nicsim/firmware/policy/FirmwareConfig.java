package io.nicsim.firmware.policy;

/**
 * The firmware's tunables as one value: the notification policy by name and its parameters, with units in
 * their names. Each policy reads the fields it uses; {@link PolicyFactory} validates them.
 *
 * @param policy            the policy name ({@code per-packet}, {@code coalesce})
 * @param rxUsecs           coalescing timer, microseconds from the first un-notified completion (0 = off)
 * @param rxFrames          coalescing frame count (0 = off)
 * @param pollIntervalNanos how often the firmware polls its MAC for arrivals (0 = continuously)
 */
public record FirmwareConfig(String policy, long rxUsecs, int rxFrames, long pollIntervalNanos) {

    /** Defaults: one interrupt per packet; coalescing values those of i40e/ice ({@code rx-usecs 50}). */
    public static final FirmwareConfig DEFAULTS = new FirmwareConfig(PerPacketPolicy.NAME, 50, 64, 0);
}
