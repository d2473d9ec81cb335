package io.nicsim.bench.run;

import io.nicsim.bench.results.PlacementReport;
import io.nicsim.bench.run.pin.FakeMachine;
import io.nicsim.bench.run.pin.RunPinning;
import io.nicsim.host.interrupt.InterruptDispatcher;
import io.nicsim.host.interrupt.InterruptLog;
import io.nicsim.nic.device.Device;
import io.nicsim.nic.queue.DeviceQueues;
import org.agrona.concurrent.Agent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulator's agent threads as placed on a machine of the test's making: each pins itself as it starts, before
 * {@link Placement#start} returns, and the record says which thread took which CPU.
 */
class PlacementTest {

    /** A device that does nothing: the placement, not the device, is under test. */
    private static final class IdleDevice implements Agent {

        @Override
        public int doWork() {
            return 0;
        }

        @Override
        public String roleName() {
            return Device.ROLE;
        }
    }

    @Test
    void separateThreadsOnEightCoresEachPinThemselvesToTheirOwnCpu(@TempDir Path dir) throws Exception {
        FakeMachine machine = FakeMachine.cores(8);
        RunPinning pinning = RunPinning.resolve("auto", 8, Placement.SEPARATE, null, machine);
        Thread.ofPlatform().name("nicsim-platform-thread").start(pinning.consumer()).join(); // the consumer's start
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (DeviceQueues queues = DeviceQueues.open(dir);
             Placement.Started started = Placement.start(Placement.SEPARATE, "backoff", "backoff", new IdleDevice(),
                     dispatcher(queues), "platform-thread", "nicsim-platform-thread", "park", pinning,
                     failure::set)) {
            PlacementReport report = started.report();
            assertThat(report.threads()).extracting(PlacementReport.ThreadPlacement::thread,
                    PlacementReport.ThreadPlacement::cpu).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Device.ROLE, 1),
                    org.assertj.core.groups.Tuple.tuple(InterruptDispatcher.ROLE, 2),
                    org.assertj.core.groups.Tuple.tuple("nicsim-platform-thread", 3));
            assertThat(report.pinning()).isEqualTo(new PlacementReport.Pinning("auto", true, null));
            assertThat(machine.pins()).as("each thread pinned itself").containsEntry(Device.ROLE, 1)
                    .containsEntry(InterruptDispatcher.ROLE, 2).containsEntry("nicsim-platform-thread", 3);
        }
        assertThat(failure.get()).isNull();
    }

    @Test
    void aSharedThreadOnTwoCoresIsRecordedUnpinnedWithTheReason(@TempDir Path dir) throws Exception {
        RunPinning pinning = RunPinning.resolve("auto", 2, Placement.SHARED, "virtual threads run on carriers",
                FakeMachine.cores(2));
        try (DeviceQueues queues = DeviceQueues.open(dir);
             Placement.Started started = Placement.start(Placement.SHARED, "backoff", "backoff", new IdleDevice(),
                     dispatcher(queues), "virtual-thread", "nicsim-virtual-thread", "park", pinning, error -> { })) {
            PlacementReport report = started.report();
            assertThat(report.mode()).isEqualTo(Placement.SHARED);
            assertThat(report.threads()).extracting(PlacementReport.ThreadPlacement::cpu).containsOnlyNulls();
            assertThat(report.threads()).extracting(PlacementReport.ThreadPlacement::why).containsExactly(
                    "2 cores: pinning needs 4 or more", "virtual threads run on carriers");
            assertThat(report.pinning()).isEqualTo(new PlacementReport.Pinning("auto", false,
                    "2 cores: pinning needs 4 or more"));
        }
    }

    @Test
    void onWithARefusedPinStopsTheThreadsAndSaysWhy(@TempDir Path dir) throws Exception {
        RunPinning pinning = RunPinning.resolve("on", 8, Placement.SHARED, "virtual threads run on carriers",
                FakeMachine.cores(8).refusing(1));
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            assertThatThrownBy(() -> Placement.start(Placement.SHARED, "backoff", "backoff", new IdleDevice(),
                    dispatcher(queues), "virtual-thread", "nicsim-virtual-thread", "park", pinning, error -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("host.pinning: on, but CPU 1 refused: sched_setaffinity refused CPU 1");
        }
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .as("the agent thread was stopped").noneMatch(name -> name.contains(InterruptDispatcher.ROLE));
    }

    private static InterruptDispatcher dispatcher(DeviceQueues queues) {
        return new InterruptDispatcher(queues, SystemNanoClock.INSTANCE, queue -> { },
                new InterruptLog(InterruptLog.DEFAULT_CAPACITY));
    }
}
