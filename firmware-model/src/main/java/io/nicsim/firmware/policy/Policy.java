package io.nicsim.firmware.policy;

import io.nicsim.firmware.driver.DriverPolicy;

/**
 * A notification policy as users name it in scenario files: the device's half (when to raise interrupts) and
 * the driver's half (what the host does after each poll), which only work as a pair (NAPI's masking needs its
 * re-arm, poll mode needs a consumer that polls).
 *
 * @param name   the name in scenario files and output
 * @param device the device's half, one instance per RX queue
 * @param driver the driver's half, one instance per RX queue
 */
public record Policy(String name, NotificationPolicy device, DriverPolicy driver) {
}
