package io.nicsim.host.consumer;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.driver.DriverPolicy;
import io.nicsim.host.interrupt.InterruptLog;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.handler.Handling;
import io.nicsim.host.rx.InlineDelivery;
import io.nicsim.host.rx.PacketDelivery;
import io.nicsim.host.rx.RingReturn;
import io.nicsim.host.rx.RxCounters;
import io.nicsim.host.rx.RxQueue;
import io.nicsim.nic.queue.DeviceQueues;

/**
 * What a consumer needs to serve one RX queue: the device's queues and which RX queue, the run's clock, the
 * recorder, the run's handler and how it is called ({@link Handling}), the driver policy that says what to do after
 * each poll (one instance per queue), the log
 * of the queue's delivered interrupts, the host-side packet counters, the sizes of shapes with many threads, and
 * how the driver returns ring slots to the device ({@link RingReturn}).
 */
public record ConsumerContext(DeviceQueues queues, NanoClock clock, LatencyRecorder recorder, Handling handling,
                              DriverPolicy driver, InterruptLog interrupts, RxCounters counters, ShapeConfig shape,
                              int queue, RingReturn ring) {

    /** The RX queue of a one-queue device. */
    public static final int QUEUE = 0;
    /**
     * Ring slots the driver returns at once: ixgbe's {@code IXGBE_RX_BUFFER_WRITE}, refilling and writing the tail
     * register every 16 buffers rather than every one.
     */
    public static final int REFILL_EVERY = 16;

    /** A context for RX queue 0 of an unlimited ring, with fresh counters and default shape sizes. */
    public ConsumerContext(DeviceQueues queues, NanoClock clock, LatencyRecorder recorder, Handling handling,
                           DriverPolicy driver, InterruptLog interrupts) {
        this(queues, clock, recorder, handling, driver, interrupts, new RxCounters(), ShapeConfig.DEFAULTS);
    }

    /** A context for RX queue 0 of an unlimited ring. */
    public ConsumerContext(DeviceQueues queues, NanoClock clock, LatencyRecorder recorder, Handling handling,
                           DriverPolicy driver, InterruptLog interrupts, RxCounters counters, ShapeConfig shape) {
        this(queues, clock, recorder, handling, driver, interrupts, counters, shape, QUEUE, RingReturn.NONE);
    }

    /** Opens the RX queue bound to the calling thread; packets are handled on it ({@link InlineDelivery}). */
    public RxQueue openQueue() {
        return openQueue(new InlineDelivery(handling));
    }

    /** Opens the RX queue bound to the calling thread; each packet read goes to {@code delivery}. */
    public RxQueue openQueue(PacketDelivery delivery) {
        return new RxQueue(queue, queues.newDescriptorReader(queue), queues.newDoorbellWriter(clock), interrupts,
                delivery, counters, clock, ring);
    }
}
