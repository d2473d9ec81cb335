package io.nicsim.host.consumer;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.driver.DriverPolicy;
import io.nicsim.host.driver.InterruptLog;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.rx.InlineDelivery;
import io.nicsim.host.rx.PacketDelivery;
import io.nicsim.host.rx.PacketHandler;
import io.nicsim.host.rx.RxCounters;
import io.nicsim.host.rx.RxQueue;
import io.nicsim.nic.queue.DeviceQueues;

/**
 * What every consumer needs: the device's queues, the run's clock, the recorder, the handler, the driver
 * policy that says what to do after each poll, the log of delivered interrupts, the host-side packet counters and
 * the sizes of shapes with many threads.
 */
public record ConsumerContext(DeviceQueues queues, NanoClock clock, LatencyRecorder recorder, PacketHandler handler,
                              DriverPolicy driver, InterruptLog interrupts, RxCounters counters, ShapeConfig shape) {

    /** The RX queue every consumer serves (one queue until multi-queue arrives). */
    public static final int QUEUE = 0;

    /** A context with fresh counters and default shape sizes. */
    public ConsumerContext(DeviceQueues queues, NanoClock clock, LatencyRecorder recorder, PacketHandler handler,
                           DriverPolicy driver, InterruptLog interrupts) {
        this(queues, clock, recorder, handler, driver, interrupts, new RxCounters(), ShapeConfig.DEFAULTS);
    }

    /** Opens the RX queue bound to the calling thread; packets are handled on it, blocking waits parked. */
    public RxQueue openQueue() {
        return openQueue(new InlineDelivery(handler, recorder, clock, false));
    }

    /** Opens the RX queue bound to the calling thread; each packet read goes to {@code delivery}. */
    public RxQueue openQueue(PacketDelivery delivery) {
        return new RxQueue(QUEUE, queues.newDescriptorReader(), queues.newDoorbellWriter(clock), interrupts, delivery,
                counters, clock);
    }
}
