package io.nicsim.bench.run;

import io.nicsim.host.consumer.Consumer;
import io.nicsim.host.interrupt.InterruptDispatcher;
import org.agrona.concurrent.Agent;

/**
 * The interrupt path of a host process ({@code nicsim host}): the {@link InterruptDispatcher}, and, for a host that
 * resumes a run an earlier host left, one software-triggered wake-up of the consumer on the first turn, as a Linux
 * driver triggers an interrupt when it opens a queue that may already hold completions (mlx5's
 * {@code mlx5e_trigger_irq}). The dead host may have left the device masked (a NAPI driver polling when it died) or
 * the ring holding packets whose interrupts it already took: the woken consumer polls, and its driver re-arms the
 * interrupt in its own way when the ring is drained (for the NAPI family, a re-arm that carries the last packet it
 * consumed, so the device's missed-IRQ rule raises again if more are waiting). The wake-up is delivered on the
 * interrupt path's thread, where every interrupt is, and with no interrupt record: packets it finds count as found
 * by polling.
 */
final class HostInterruptPath implements Agent {

    private final InterruptDispatcher dispatcher;
    private final Consumer consumer;
    private boolean wakeOnFirstTurn;

    HostInterruptPath(InterruptDispatcher dispatcher, Consumer consumer, boolean wakeOnFirstTurn) {
        this.dispatcher = dispatcher;
        this.consumer = consumer;
        this.wakeOnFirstTurn = wakeOnFirstTurn;
    }

    @Override
    public void onStart() {
        dispatcher.onStart();
    }

    @Override
    public int doWork() {
        if (wakeOnFirstTurn) {
            wakeOnFirstTurn = false;
            consumer.onInterrupt();
        }
        return dispatcher.doWork();
    }

    @Override
    public void onClose() {
        dispatcher.onClose();
    }

    @Override
    public String roleName() {
        return dispatcher.roleName();
    }
}
