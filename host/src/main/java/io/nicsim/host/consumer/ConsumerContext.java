package io.nicsim.host.consumer;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.rx.PacketHandler;
import io.nicsim.host.rx.RxDrain;
import io.nicsim.nic.queue.DeviceQueues;

/** What every consumer needs: the device's queues, the run's clock, the recorder and the handler. */
public record ConsumerContext(DeviceQueues queues, NanoClock clock, LatencyRecorder recorder, PacketHandler handler) {

    /** Opens an RX drain bound to the calling thread. */
    public RxDrain openDrain() {
        return new RxDrain(queues.newDescriptorReader(), handler, recorder, clock);
    }
}
