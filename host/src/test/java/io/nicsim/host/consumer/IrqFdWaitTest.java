package io.nicsim.host.consumer;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.host.cost.KernelCalls;
import io.nicsim.host.kernel.EventFd;
import io.nicsim.host.kernel.Kernel;
import io.nicsim.host.kernel.ReadinessWait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The epoll consumer's wait: on a manual clock with a scripted readiness wait (real eventfds), the timeout each wait is
 * given (the value passed, not time elapsed), a stale eventfd count costing a read but no signal, the calls counted
 * exactly, and the carrier pinned on a virtual thread; on real threads and epoll, the {@link SignalWait} contract.
 */
class IrqFdWaitTest {

    private final ManualNanoClock clock = new ManualNanoClock(1_000);
    private final List<Long> timeouts = new ArrayList<>();
    private Arena arena;
    private EventFd irq;
    private EventFd stop;
    private LongToIntFunction script;
    private long token = IrqFdWait.IRQ;

    /** A readiness wait that records each timeout and does what the test scripts. */
    private final ReadinessWait scripted = new ReadinessWait() {
        @Override
        public int await(long timeoutNanos) {
            timeouts.add(timeoutNanos);
            return script.applyAsInt(timeoutNanos);
        }

        @Override
        public long readyToken(int index) {
            return token;
        }

        @Override
        public long waits() {
            return timeouts.size();
        }
    };

    @BeforeEach
    void open() {
        assumeTrue(Kernel.problem() == null, "the kernel wake path is not here: " + Kernel.problem());
        arena = Arena.ofShared();
        irq = EventFd.open(arena, false);
        stop = EventFd.open(arena, false);
    }

    @AfterEach
    void close() {
        if (arena != null) {
            irq.close();
            stop.close();
            arena.close();
        }
    }

    private IrqFdWait wait(CarrierPins pins) {
        IrqFdWait wait = new IrqFdWait(clock, scripted, null, irq, stop, pins);
        wait.bind();
        return wait;
    }

    @Test
    void aWaitWithADeadlineIsGivenTheTimeLeftOnTheClock() {
        IrqFdWait wait = wait(null);
        script = timeout -> {
            clock.advanceNanos(timeout); // the kernel's timer ran out
            return 0;
        };

        assertThat(wait.awaitSignal(0, 5_000)).isZero();

        assertThat(timeouts).containsExactly(4_000L);
    }

    @Test
    void aTimedSleepIsOneWaitUntilTheDeadline() {
        IrqFdWait wait = wait(null);
        script = timeout -> {
            clock.advanceNanos(timeout);
            return 0;
        };

        assertThat(wait.sleepUntil(101_000)).isEqualTo(101_000);

        assertThat(timeouts).containsExactly(100_000L);
    }

    @Test
    void aSleepShorterThanTheSpinLimitSpinsWithoutACall() {
        long[] now = {0};
        IrqFdWait wait = new IrqFdWait(() -> now[0] += 1_000, scripted, null, irq, stop, null); // ticks per read
        wait.bind();

        assertThat(wait.sleepUntil(ParkingConsumer.SPIN_BELOW_NANOS - 1)).isGreaterThanOrEqualTo(9_999);

        assertThat(timeouts).isEmpty();
    }

    @Test
    void aWaitWithoutDeadlineBlocksForeverAndAnInterruptIsOneWriteOneWaitAndOneRead() {
        IrqFdWait wait = wait(null);
        script = timeout -> {
            wait.signal(); // the interrupt path, while the consumer sleeps
            return 1;
        };

        assertThat(wait.awaitSignal(0, Long.MAX_VALUE)).isEqualTo(1);

        assertThat(timeouts).containsExactly(ReadinessWait.FOREVER);
        assertThat(wait.calls()).isEqualTo(new KernelCalls(1, 1, 1, 0, 0));
        assertThat(irq.take()).as("the consumer cleared the counter").isZero();
    }

    @Test
    void aStaleCountInTheEventFdCostsAReadButIsNoSignal() {
        IrqFdWait wait = wait(null);
        wait.signal(); // an interrupt the consumer polled for without sleeping: its count stays in the eventfd
        int[] calls = {0};
        script = timeout -> {
            if (++calls[0] == 1) {
                return 1; // readable: the stale count
            }
            wait.stop();
            return 0;
        };

        assertThat(wait.awaitSignal(1, Long.MAX_VALUE)).as("no new signal").isEqualTo(1);

        assertThat(timeouts).containsExactly(ReadinessWait.FOREVER, ReadinessWait.FOREVER);
        assertThat(wait.calls().reads()).isEqualTo(1);
    }

    @Test
    void aStoppedWaitMakesNoCall() {
        IrqFdWait wait = wait(null);
        wait.stop();

        assertThat(wait.awaitSignal(0, Long.MAX_VALUE)).isZero();
        assertThat(wait.sleepUntil(1_000_000)).isEqualTo(1_000);
        assertThat(timeouts).isEmpty();
        assertThat(stop.take()).as("the stop eventfd was written").isEqualTo(1);
    }

    @Test
    void onAVirtualThreadEachWaitPinsItsCarrierForItsLength() throws Exception {
        CarrierPins pins = new CarrierPins();
        IrqFdWait[] wait = new IrqFdWait[1];
        script = timeout -> {
            clock.advanceNanos(timeout);
            return 0;
        };
        Thread.ofVirtual().start(() -> {
            wait[0] = wait(pins);
            wait[0].awaitSignal(0, clock.nanoTime() + 7_000);
        }).join();

        assertThat(wait[0].calls().pinnedNanos()).isEqualTo(7_000);
        assertThat(wait[0].calls().peakPinned()).isEqualTo(1);
        assertThat(wait(pins).calls().pinnedNanos()).as("a platform thread pins nothing").isZero();
    }

    @Test
    void keepsTheSignalWaitContractOnRealEpoll() throws Exception {
        List<IrqFdWait> opened = new ArrayList<>();
        try {
            SignalWaitContract.verify(realClock -> {
                IrqFdWait wait = IrqFdWait.open(realClock, arena, null);
                opened.add(wait);
                return wait;
            });
        } finally {
            for (IrqFdWait wait : opened) {
                wait.close();
            }
        }
    }
}
