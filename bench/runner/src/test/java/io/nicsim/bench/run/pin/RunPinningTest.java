package io.nicsim.bench.run.pin;

import io.nicsim.bench.results.PlacementReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@code host.pinning} resolves to on machines of the tests' making, each pin run on a thread of its own as the
 * run's threads do: the CPUs each thread took, and why a run or a thread is not pinned.
 */
class RunPinningTest {

    private static final String VIRTUAL = "virtual threads run on carriers";

    @Test
    void autoOnTwoCoresRecordsUnpinnedWithTheReasonAndNeverAsksTheLibrary() throws Exception {
        FakeMachine machine = FakeMachine.cores(2);
        RunPinning pinning = RunPinning.resolve("auto", 2, "shared", null, machine);

        List<PlacementReport.ThreadPlacement> threads = startAll(pinning, 1);

        assertThat(pinning.report()).isEqualTo(new PlacementReport.Pinning("auto", false,
                "2 cores: pinning needs 4 or more"));
        assertThat(threads).extracting(PlacementReport.ThreadPlacement::cpu).containsOnlyNulls();
        assertThat(threads).extracting(PlacementReport.ThreadPlacement::why)
                .containsOnly("2 cores: pinning needs 4 or more");
        assertThat(pinning.failure()).isNull();
        assertThat(machine.calls()).as("the library is not loaded below 4 cores").isZero();
    }

    @Test
    void onBelowFourCoresRunsUnpinnedToo() throws Exception {
        RunPinning pinning = RunPinning.resolve("on", 2, "separate", null, FakeMachine.cores(2));
        startAll(pinning, 2);
        assertThat(pinning.report()).isEqualTo(new PlacementReport.Pinning("on", false,
                "2 cores: pinning needs 4 or more"));
        assertThat(pinning.failure()).as("on does not fail where pinning cannot apply").isNull();
    }

    @Test
    void offNeverPins() throws Exception {
        FakeMachine machine = FakeMachine.cores(8);
        RunPinning pinning = RunPinning.resolve("off", 8, "separate", null, machine);
        assertThat(startAll(pinning, 2)).extracting(PlacementReport.ThreadPlacement::cpu).containsOnlyNulls();
        assertThat(pinning.report()).isEqualTo(new PlacementReport.Pinning("off", false, "host.pinning: off"));
        assertThat(machine.calls()).isZero();
    }

    @Test
    void autoOnEightCoresPinsEachThreadToItsOwnCpu() throws Exception {
        FakeMachine machine = FakeMachine.cores(8);
        RunPinning pinning = RunPinning.resolve("auto", 8, "separate", null, machine);

        List<PlacementReport.ThreadPlacement> threads = startAll(pinning, 2);

        assertThat(threads).extracting(PlacementReport.ThreadPlacement::cpu).containsExactly(1, 2, 3);
        assertThat(threads).extracting(PlacementReport.ThreadPlacement::why).containsOnlyNulls();
        assertThat(machine.pins()).containsEntry("agent-0", 1).containsEntry("agent-1", 2)
                .containsEntry("consumer", 3).hasSize(3);
        assertThat(pinning.report()).isEqualTo(new PlacementReport.Pinning("auto", true, null));
    }

    @Test
    void aVirtualThreadConsumerIsNotPinnedAndSaysWhy() throws Exception {
        FakeMachine machine = FakeMachine.cores(4);
        RunPinning pinning = RunPinning.resolve("auto", 4, "shared", VIRTUAL, machine);

        List<PlacementReport.ThreadPlacement> threads = startAll(pinning, 1);

        assertThat(threads.get(0).cpu()).isEqualTo(1);
        assertThat(threads.get(1)).extracting(PlacementReport.ThreadPlacement::cpu,
                PlacementReport.ThreadPlacement::why).containsExactly(null, VIRTUAL);
        assertThat(machine.pins()).containsOnlyKeys("agent-0");
        assertThat(pinning.report().pinned()).as("every thread the run pins took its CPU").isTrue();
    }

    @Test
    void theCpusAreTheOnesThisProcessMayUse() throws Exception {
        FakeMachine machine = FakeMachine.cpus(List.of(4, 5, 6, 7));
        RunPinning pinning = RunPinning.resolve("auto", 4, "separate", null, machine);
        assertThat(startAll(pinning, 2)).extracting(PlacementReport.ThreadPlacement::cpu).containsExactly(5, 6, 7);
    }

    @Test
    void autoWhereTheLibraryCannotPinRunsUnpinnedAndOnRefusesToRun() throws Exception {
        FakeMachine machine = FakeMachine.cores(8).withProblem("no native access");
        RunPinning pinning = RunPinning.resolve("auto", 8, "shared", null, machine);
        startAll(pinning, 1);
        assertThat(pinning.report()).isEqualTo(new PlacementReport.Pinning("auto", false, "no native access"));
        assertThat(machine.pins()).isEmpty();

        assertThatThrownBy(() -> RunPinning.resolve("on", 8, "shared", null, machine))
                .isInstanceOf(IllegalStateException.class).hasMessage("host.pinning: on, but no native access");
    }

    @Test
    void aRefusedPinLeavesThatThreadUnpinnedWithAutoAndFailsTheRunWithOn() throws Exception {
        for (String requested : List.of("auto", "on")) {
            RunPinning pinning = RunPinning.resolve(requested, 8, "separate", null, FakeMachine.cores(8).refusing(2));

            List<PlacementReport.ThreadPlacement> threads = startAll(pinning, 2);

            assertThat(threads).extracting(PlacementReport.ThreadPlacement::cpu).containsExactly(1, null, 3);
            assertThat(threads.get(1).why()).isEqualTo("CPU 2 refused: sched_setaffinity refused CPU 2");
            assertThat(pinning.report()).isEqualTo(new PlacementReport.Pinning(requested, false,
                    "CPU 2 refused: sched_setaffinity refused CPU 2"));
            assertThat(pinning.failure()).isEqualTo(requested.equals("on")
                    ? "host.pinning: on, but CPU 2 refused: sched_setaffinity refused CPU 2" : null);
        }
    }

    /** Runs each agent's pin and the consumer's on a thread of its own, and reads the threads' records. */
    private static List<PlacementReport.ThreadPlacement> startAll(RunPinning pinning, int agents) throws Exception {
        for (int i = 0; i < agents; i++) {
            Thread.ofPlatform().name("agent-" + i).start(pinning.agent(i)).join();
        }
        Thread.ofPlatform().name("consumer").start(pinning.consumer()).join();
        List<PlacementReport.ThreadPlacement> threads = new java.util.ArrayList<>();
        for (int i = 0; i < agents; i++) {
            threads.add(pinning.agent(i).placement("agent-" + i, List.of("agent"), "spin"));
        }
        threads.add(pinning.consumer().placement("consumer", List.of("consumer"), "park"));
        return threads;
    }
}
