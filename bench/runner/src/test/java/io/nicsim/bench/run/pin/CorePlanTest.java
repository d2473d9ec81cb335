package io.nicsim.bench.run.pin;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plan alone: which CPU each thread gets for a number of cores and a placement. */
class CorePlanTest {

    @Test
    void twoCoresPinNothingAndSayWhy() {
        for (String placement : List.of("shared", "separate")) {
            CorePlan plan = CorePlan.of(2, placement, true);
            assertThat(plan.pins()).isFalse();
            assertThat(plan.why()).isEqualTo("2 cores: pinning needs 4 or more");
            assertThat(plan.agentCpus()).isEmpty();
            assertThat(plan.consumerCpu()).isEqualTo(CorePlan.NO_CPU);
        }
    }

    @Test
    void threeCoresAreStillTooFew() {
        assertThat(CorePlan.of(3, "shared", true).pins()).isFalse();
    }

    @Test
    void fourCoresSharedLeaveCpu0AndGiveTheSharedThreadAndTheConsumerACpuEach() {
        CorePlan plan = CorePlan.of(4, "shared", true);
        assertThat(plan.pins()).isTrue();
        assertThat(plan.why()).isNull();
        assertThat(plan.agentCpus()).containsExactly(1);
        assertThat(plan.consumerCpu()).isEqualTo(2);
    }

    @Test
    void fourCoresSeparateUseEveryCpuButCpu0() {
        CorePlan plan = CorePlan.of(4, "separate", true);
        assertThat(plan.agentCpus()).containsExactly(1, 2);
        assertThat(plan.consumerCpu()).isEqualTo(3);
    }

    @Test
    void eightCoresGiveTheSameCpusAndLeaveTheRestFree() {
        assertThat(CorePlan.of(8, "shared", true)).isEqualTo(new CorePlan(List.of(1), 2, null));
        assertThat(CorePlan.of(8, "separate", true)).isEqualTo(new CorePlan(List.of(1, 2), 3, null));
    }

    @Test
    void aConsumerWithoutAThreadOfItsOwnGetsNoCpu() {
        CorePlan plan = CorePlan.of(8, "separate", false);
        assertThat(plan.agentCpus()).containsExactly(1, 2);
        assertThat(plan.consumerCpu()).isEqualTo(CorePlan.NO_CPU);
    }

    @Test
    void everyPinnedThreadHasACpuOfItsOwnAndNoneHasCpu0() {
        for (int cores : new int[] {4, 5, 8, 64}) {
            for (String placement : List.of("shared", "separate")) {
                CorePlan plan = CorePlan.of(cores, placement, true);
                List<Integer> cpus = new ArrayList<>(plan.agentCpus());
                cpus.add(plan.consumerCpu());
                assertThat(cpus).as("%d cores, %s", cores, placement).doesNotHaveDuplicates()
                        .doesNotContain(CorePlan.OS_CPU).allMatch(cpu -> cpu > 0 && cpu < cores);
                assertThat(plan.agentCpus()).hasSize(placement.equals("shared") ? 1 : 2);
            }
        }
    }

    @Test
    void onlyResolvedPlacementsArePlanned() {
        assertThatThrownBy(() -> CorePlan.of(8, "auto", true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto");
    }
}
