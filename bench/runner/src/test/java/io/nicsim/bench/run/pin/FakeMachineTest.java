package io.nicsim.bench.run.pin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tests' machine keeps the contract the real library keeps, so what they show holds for the real one. */
class FakeMachineTest {

    @Test
    void keepsTheContract() throws Exception {
        assertThat(CpuAffinityContract.verify(FakeMachine.cores(8))).isEqualTo(7);
        assertThat(CpuAffinityContract.verify(FakeMachine.cpus(List.of(4, 5, 6, 7)))).isEqualTo(7);
    }
}
