package io.nicsim.bench.run;

import io.nicsim.bench.results.MachineChecks;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The quiet-machine checks judge fixed inputs the same way every time, and count the study's spinning threads. */
class QuietChecksTest {

    private static Scenario load(String... overrides) throws ScenarioException {
        return ScenarioLoader.load(null, List.of(overrides));
    }

    @Test
    void aQuietMachineGivesNoWarning() {
        MachineChecks checks = QuietChecks.judge(0.02, 0.0, "performance", 8, 2);
        assertThat(checks.warnings()).isEmpty();
        assertThat(checks.governor()).isEqualTo("performance");
    }

    @Test
    void eachProblemIsOneSentence() {
        MachineChecks checks = QuietChecks.judge(0.5, 0.2, "powersave", 2, 2);
        assertThat(checks.warnings()).hasSize(4);
        assertThat(checks.warnings().get(0)).contains("other processes used 0.50 cores");
        assertThat(checks.warnings().get(1)).contains("steal time").contains("0.20");
        assertThat(checks.warnings().get(2)).contains("'powersave'");
        assertThat(checks.warnings().get(3)).startsWith("2 spinning threads on 2 cores");
        // an unknown governor (a VM that exposes none) is no warning
        assertThat(QuietChecks.judge(0, 0, "unknown", 4, 1).warnings()).isEmpty();
    }

    @Test
    void countsTheStudysSpinningThreads() throws ScenarioException {
        int cores = Runtime.getRuntime().availableProcessors();
        int agents = Placement.SHARED.equals(Placement.resolve(Placement.AUTO, cores)) ? 1 : 2;
        assertThat(QuietChecks.spinningThreads(List.of(load("host.consumer=platform-thread")))).isEqualTo(agents);
        assertThat(QuietChecks.spinningThreads(List.of(load("host.consumer=platform-thread,busy-poll"))))
                .isEqualTo(agents + 1);
        assertThat(QuietChecks.spinningThreads(List.of(load("host.consumer=busy-poll", "host.placement=separate"))))
                .isEqualTo(3);
        assertThat(QuietChecks.spinningThreads(List.of(load("host.consumer=busy-poll", "run.clock=virtual"))))
                .isZero();
    }

    @Test
    void virtualStudiesAreNotCheckedAndAMissingGovernorIsUnknown() throws Exception {
        assertThat(QuietChecks.look(List.of(load("run.clock=virtual")))).isNull();
        assertThat(QuietChecks.governor(Path.of("/no/such/governor"))).isEqualTo("unknown");
    }
}
