package io.nicsim.firmware.policy;

import io.nicsim.firmware.policy.PolicyLoopSimulation.Raise;
import io.nicsim.firmware.policy.dim.NetDim;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.nicsim.firmware.policy.NotificationPolicyContract.atMost;
import static io.nicsim.firmware.policy.PerPacketPolicyTest.raises;
import static io.nicsim.firmware.policy.PolicyLoopSimulation.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Pins {@link DimPolicy}: coalescing with the current DIM profile of its table, sampled on every interrupt; the
 * profile decisions themselves are pinned in {@link io.nicsim.firmware.policy.dim.NetDimTest}.
 */
class DimPolicyTest {

    /** Latency bound: the largest profile's: EQE 256 us; CQE (64 - 1) frames x 64 us of restarted timer. */
    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(
                NotificationPolicyContract.verify("dim eqe", () -> new DimPolicy(TimerMode.EQE), atMost(256_000)),
                NotificationPolicyContract.verify("dim cqe", () -> new DimPolicy(TimerMode.CQE),
                        atMost(63 * 64_000)));
    }

    /**
     * Fewer than 65 interrupts: no decision yet, so the default profile 1 (EQE: 8 us, 256 frames; CQE: 8 us, 128
     * frames) coalesces. Arrivals and interrupts in microseconds.
     */
    static Stream<Arguments> defaultProfile() {
        long[] burst = micros(new long[300]);
        Arrays.fill(burst, 5_000);
        return Stream.of(
                // EQE: 256 frames raise at once; the other 44 fire on the timer from 5.
                arguments(TimerMode.EQE, "burst: 300 at 5 us", burst, raises(5, 256, 13, 44)),
                // The timer from 0 fires at 8 (0, 3, 6); 9 starts the next, firing at 17 (9, 12).
                arguments(TimerMode.EQE, "steady rate: one every 3 us", micros(0, 3, 6, 9, 12), raises(8, 3, 17, 2)),
                arguments(TimerMode.EQE, "gap", micros(0, 100), raises(8, 1, 108, 1)),
                arguments(TimerMode.EQE, "rate step: every 20 us, then every 1 us", micros(0, 20, 40, 41, 42),
                        raises(8, 1, 28, 1, 48, 3)),
                // CQE: 128 frames; the timer restarts on every completion.
                arguments(TimerMode.CQE, "burst: 300 at 5 us", burst, raises(5, 128, 5, 128, 13, 44)),
                arguments(TimerMode.CQE, "steady rate: one every 3 us", micros(0, 3, 6, 9, 12), raises(20, 5)),
                arguments(TimerMode.CQE, "gap", micros(0, 100), raises(8, 1, 108, 1)),
                arguments(TimerMode.CQE, "rate step: every 20 us, then every 1 us", micros(0, 20, 40, 41, 42),
                        raises(8, 1, 28, 1, 50, 3)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("defaultProfile")
    void coalescesWithTheDefaultProfileUntilTheFirstDecision(TimerMode mode, String scenario, long[] arrivals,
                                                             List<Raise> expected) {
        DimPolicy policy = new DimPolicy(mode);
        PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(policy, arrivals, 0, 1_000,
                arrivals[arrivals.length - 1] + 100_000);

        assertThat(result.raises()).isEqualTo(expected);
        assertThat(policy.profileIndex()).isEqualTo(1);
    }

    /**
     * One 64-byte packet every 20 us, 200 of them; each raises alone on the timer. Interrupt 1 (packet 0) starts
     * the first measurement; interrupt 65 (packet 64, at 1,288 us) closes it: 64 events in 1,280 us, bpms
     * ceil(64 * 64 * 1000 / 1280) = 3,200 against zero previous stats: BETTER, exit parking to the left, profile
     * 0 (EQE 1 us, CQE 2 us) from packet 65 on. Interrupt 66 starts the next measurement, interrupt 130 closes it
     * with the same rates: SAME, turn right, profile 1 (8 us) from packet 130; interrupt 131 starts, 195 closes:
     * SAME, turn left, profile 0 from packet 195.
     */
    @ParameterizedTest
    @EnumSource(TimerMode.class)
    void appliesEachNewProfileFromTheNextInterrupt(TimerMode mode) {
        long[] arrivals = new long[200];
        for (int k = 0; k < arrivals.length; k++) {
            arrivals[k] = k * 20_000L;
        }
        long profile0Nanos = mode == TimerMode.EQE ? 1_000 : 2_000;
        List<Raise> expected = new ArrayList<>();
        for (int k = 0; k < arrivals.length; k++) {
            boolean profile0 = (k >= 65 && k <= 129) || k >= 195;
            expected.add(new Raise(arrivals[k] + (profile0 ? profile0Nanos : 8_000), 1));
        }
        DimPolicy policy = new DimPolicy(mode);

        PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(policy, arrivals, 0, 1_000, 4_100_000);

        assertThat(result.raises()).isEqualTo(expected);
        assertThat(policy.profileIndex()).isZero();
        assertThat(policy.tuneState()).isEqualTo(NetDim.TuneState.GOING_LEFT);
        assertThat(policy.rxUsecs()).as("profile 0: 1 us (EQE) or 2 us (CQE)").isEqualTo(mode == TimerMode.EQE ? 1 : 2);
        assertThat(policy.rxFrames()).isEqualTo(256);
        assertThat(policy.netDim().tired()).as("three steps").isEqualTo(3);
        assertThat(policy.netDim().previousPpms()).as("ceil(64 * 1000 / 1280)").isEqualTo(50);
        assertThat(policy.netDim().previousEpms()).isEqualTo(50);
    }

    /** The sample counts every completed frame's bytes, as given to onCompletion. */
    @Test
    void samplesBytesFromTheFrameSizes() {
        long[] arrivals = new long[65];
        for (int k = 0; k < arrivals.length; k++) {
            arrivals[k] = k * 20_000L;
        }
        int[] frameBytes = new int[arrivals.length];
        Arrays.fill(frameBytes, 1_500);
        DimPolicy policy = new DimPolicy(TimerMode.EQE);

        PolicyLoopSimulation.run(policy, arrivals, frameBytes, 0, 1_000, 1_400_000, null);

        assertThat(policy.profileIndex()).as("decided at interrupt 65").isZero();
        assertThat(policy.netDim().previousBpms()).as("ceil(64 * 1500 * 1000 / 1280)").isEqualTo(75_000);
    }

    @Test
    void profileTablesFollowTheMode() {
        DimPolicy eqe = new DimPolicy(TimerMode.EQE);
        DimPolicy cqe = new DimPolicy(TimerMode.CQE);

        assertThat(eqe.profileIndex()).isEqualTo(1);
        assertThat(eqe.rxUsecs()).isEqualTo(8);
        assertThat(eqe.rxFrames()).isEqualTo(256);
        assertThat(eqe.timerMode()).isEqualTo(TimerMode.EQE);
        assertThat(cqe.rxUsecs()).isEqualTo(8);
        assertThat(cqe.rxFrames()).isEqualTo(128);
        assertThat(cqe.timerMode()).isEqualTo(TimerMode.CQE);
        assertThat(eqe.tuneState()).isEqualTo(NetDim.TuneState.PARKING_ON_TOP);
    }

    @Test
    void nameAndValidation() {
        assertThat(new DimPolicy(TimerMode.EQE).name()).isEqualTo("dim").isEqualTo(DimPolicy.NAME);
        assertThatIllegalArgumentException().isThrownBy(() -> new DimPolicy(null))
                .withMessageContaining("firmware.dimMode");
    }
}
