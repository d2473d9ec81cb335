package io.nicsim.host.consumer;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.driver.DriverPolicy;
import io.nicsim.host.driver.InterruptLog;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.rx.PacketHandler;
import io.nicsim.host.rx.RxQueue;
import io.nicsim.nic.queue.DeviceQueues;

/**
 * What every consumer needs: the device's queues, the run's clock, the recorder, the handler, the driver
 * policy that says what to do after each poll, and the log of delivered interrupts.
 */
public record ConsumerContext(DeviceQueues queues, NanoClock clock, LatencyRecorder recorder, PacketHandler handler,
                              DriverPolicy driver, InterruptLog interrupts) {

    /** The RX queue every consumer serves (one queue until multi-queue arrives). */
    public static final int QUEUE = 0;

    /** Opens the RX queue bound to the calling thread. */
    public RxQueue openQueue() {
        return new RxQueue(QUEUE, queues.newDescriptorReader(), queues.newDoorbellWriter(clock), interrupts, handler,
                recorder, clock);
    }
}
