package io.nicsim.host.shape;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.driver.DriverPolicy;
import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.rx.PacketDelivery;
import io.nicsim.host.rx.RxQueue;

/**
 * The driver policy run on the interrupt path's thread, as Linux runs NAPI in softirq context on the CPU that
 * took the interrupt: an interrupt (or a timer) makes it poll the ring, and each packet goes to the
 * application's threads through a {@link PacketDelivery}, which wakes the one that waits for it (a socket's
 * reader). The application pays one wake-up per hand-off instead of the driver's; the interrupt path's
 * thread pays the polling. A non-blocking state machine over the same {@link DriverPolicy} actions the
 * consumers' own loops follow; one thread, nothing allocated per packet.
 */
public final class SoftirqPoll {

    private enum State { WAIT_INTERRUPT, POLL, SLEEP_UNTIL, ARMED_UNTIL }

    private final ConsumerContext context;
    private final DriverPolicy driver;
    private final NanoClock clock;
    private final PacketDelivery delivery;
    private RxQueue rx;
    private State state;
    private long wakeAtNanos;
    private long wokenNanos = RxQueue.NOT_WOKEN;
    private boolean interruptPending;

    public SoftirqPoll(ConsumerContext context, PacketDelivery delivery) {
        this.context = context;
        this.driver = context.driver();
        this.clock = context.clock();
        this.delivery = delivery;
    }

    /** An interrupt was delivered (on the interrupt path's thread). */
    public void onInterrupt() {
        interruptPending = true;
    }

    /** One turn on the interrupt path's thread: poll if an interrupt, a timer or the policy says so. */
    public int doWork() {
        if (rx == null) {
            rx = context.openQueue(delivery); // bound to this thread
            state = driver.startsPolling() ? State.POLL : State.WAIT_INTERRUPT;
        }
        switch (state) {
            case WAIT_INTERRUPT -> {
                if (!interruptPending) {
                    return 0;
                }
                interruptPending = false;
                wokenNanos = clock.nanoTime();
                driver.onInterrupt(wokenNanos);
            }
            case POLL -> {
            }
            case SLEEP_UNTIL -> {
                long now = clock.nanoTime();
                if (now < wakeAtNanos) {
                    return 0;
                }
                wokenNanos = now;
            }
            case ARMED_UNTIL -> {
                long now = clock.nanoTime();
                boolean interrupted = interruptPending;
                if (!interrupted && now < wakeAtNanos) {
                    return 0;
                }
                interruptPending = false;
                rx.disarm();
                wokenNanos = now;
                if (interrupted) {
                    driver.onInterrupt(now);
                }
            }
        }
        return poll();
    }

    private int poll() {
        int packets = rx.poll(driver.budget(), wokenNanos);
        switch (driver.afterPoll(packets, clock.nanoTime())) {
            case POLL_NOW -> state = State.POLL;
            case POLL_AT -> {
                state = State.SLEEP_UNTIL;
                wakeAtNanos = driver.wakeAtNanos();
            }
            case WAIT_INTERRUPT -> state = State.WAIT_INTERRUPT;
            case REARM_AND_WAIT_INTERRUPT -> {
                interruptPending = false; // earlier interrupts are stale: the re-arm itself raises if packets wait
                rx.rearm();
                state = State.WAIT_INTERRUPT;
            }
            case REARM_AND_WAIT_INTERRUPT_UNTIL -> {
                interruptPending = false;
                rx.rearm();
                state = State.ARMED_UNTIL;
                wakeAtNanos = driver.wakeAtNanos();
            }
        }
        return Math.max(packets, 1);
    }

    /** Releases the ring (on the interrupt path's thread, as it closes). */
    public void close() {
        if (rx != null) {
            rx.close();
            rx = null;
        }
    }
}
