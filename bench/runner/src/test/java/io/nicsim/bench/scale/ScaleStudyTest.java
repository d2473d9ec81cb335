package io.nicsim.bench.scale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale study's mechanics on small N: every kind creates its waiters, wakes each sampled one exactly once,
 * reports memory and wake-up figures, runs each point in a probe process of its own, and reports a failed
 * probe as a result rather than crashing. No figure is asserted beyond its sign.
 */
@Tag("run")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ScaleStudyTest {

    @ParameterizedTest
    @ValueSource(strings = {ScaleStudy.PLATFORM, ScaleStudy.VIRTUAL, ScaleStudy.EVENT_LOOP, ScaleStudy.EPOLL})
    void probeCreatesWakesAndMeasures(String kind) throws Exception {
        ScaleResult result = ScaleProbe.probe(kind, 300, 300);
        assertThat(result.consumer()).isEqualTo(kind);
        assertThat(result.reached()).isEqualTo(300);
        assertThat(result.stopReason()).isNull();
        assertThat(result.wakeups()).isEqualTo(300);
        assertThat(result.wakeP50Nanos()).isPositive().isLessThanOrEqualTo(result.wakeP99Nanos());
        assertThat(result.wakeP99Nanos()).isLessThanOrEqualTo(result.wakeMaxNanos());
        assertThat(result.heapBytesPerConsumer()).isNotNegative();
    }

    @Test
    void virtualThreadsInEpollWaitStopAtTheCarriersTheyPin() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.nicsim.host.kernel.Kernel.problem() == null,
                "the kernel wake path is not here");
        int carriers = io.nicsim.host.cost.CarrierCosts.schedulerParallelism();
        ScaleResult result = ScaleProbe.probe(ScaleStudy.EPOLL_VIRTUAL, carriers + 3, 10);

        assertThat(result.reached()).as("one waiter per carrier; the rest are never mounted").isEqualTo(carriers);
        assertThat(result.stopReason()).contains("pins its carrier");
        assertThat(result.wakeups()).isEqualTo(carriers);
    }

    @Test
    void eachPointRunsInItsOwnProcessAndFailuresAreResults() throws Exception {
        StringWriter progress = new StringWriter();
        List<ScaleResult> results = new ScaleStudy(new PrintWriter(progress))
                .run(List.of(ScaleStudy.VIRTUAL, "no-such-kind"), List.of(100, 200), 10);

        assertThat(results).extracting(ScaleResult::consumer)
                .containsExactly(ScaleStudy.VIRTUAL, ScaleStudy.VIRTUAL, "no-such-kind");
        assertThat(results.get(1).reached()).isEqualTo(200);
        assertThat(results.get(1).wakeups()).isEqualTo(10);
        ScaleResult failed = results.get(2);
        assertThat(failed.error()).as("a failed probe is reported, and N=200 is not tried after it")
                .contains("unknown consumer kind no-such-kind");
        assertThat(progress.toString()).contains("N=100").contains("N=200");
        assertThat(ScaleStudy.table(results)).contains("failed: ").contains("virtual-thread");
    }
}
