package io.nicsim.firmware.policy.dim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pins {@link DimProfile} to the RX tables of docs/semantics.md#dim ({@code lib/dim/net_dim.c}). */
class DimProfileTest {

    @Test
    void rxEqeTable() {
        int[][] expected = {{1, 256}, {8, 256}, {64, 256}, {128, 256}, {256, 256}};
        for (int ix = 0; ix < DimProfile.PROFILE_COUNT; ix++) {
            assertThat(DimProfile.RX_EQE.rxUsecs(ix)).as("usec of %d", ix).isEqualTo(expected[ix][0]);
            assertThat(DimProfile.RX_EQE.rxFrames(ix)).as("pkts of %d", ix).isEqualTo(expected[ix][1]);
        }
    }

    @Test
    void rxCqeTable() {
        int[][] expected = {{2, 256}, {8, 128}, {16, 64}, {32, 64}, {64, 64}};
        for (int ix = 0; ix < DimProfile.PROFILE_COUNT; ix++) {
            assertThat(DimProfile.RX_CQE.rxUsecs(ix)).as("usec of %d", ix).isEqualTo(expected[ix][0]);
            assertThat(DimProfile.RX_CQE.rxFrames(ix)).as("pkts of %d", ix).isEqualTo(expected[ix][1]);
        }
    }

    @Test
    void fiveProfilesStartingAtOne() {
        assertThat(DimProfile.PROFILE_COUNT).isEqualTo(5);
        assertThat(DimProfile.DEFAULT_INDEX).isEqualTo(1);
    }
}
