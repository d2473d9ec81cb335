package io.nicsim.bench.tune;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Positions in [0, 1] to real settings and back: rounding, log scale, names, pinned keys. */
class TuneParameterTest {

    @Test
    void integersRoundToTheNearestValueAndStayInRange() {
        TuneParameter usecs = TuneParameter.integer("firmware.rxUsecs", 0, 128, false);
        assertThat(usecs.valueAt(0)).isEqualTo("0");
        assertThat(usecs.valueAt(1)).isEqualTo("128");
        assertThat(usecs.valueAt(0.5)).isEqualTo("64");
        assertThat(usecs.valueAt(0.3)).isEqualTo("38"); // 38.4
        assertThat(usecs.valueAt(-3)).isEqualTo("0");
        assertThat(usecs.valueAt(7)).isEqualTo("128");
        assertThat(usecs.position("64")).isEqualTo(0.5);
        assertThat(usecs.position("500")).isEqualTo(1.0);
        assertThat(usecs.valueCount()).isEqualTo(129);
    }

    @Test
    void aLogScaleGivesSmallValuesAsMuchRoomAsLargeOnes() {
        TuneParameter frames = TuneParameter.integer("firmware.rxFrames", 0, 128, true);
        assertThat(frames.valueAt(0)).isEqualTo("0");
        assertThat(frames.valueAt(1)).isEqualTo("128");
        assertThat(frames.valueAt(0.5)).isEqualTo("10"); // sqrt(129) - 1
        for (String value : List.of("0", "1", "9", "64", "128")) {
            assertThat(frames.valueAt(frames.position(value))).isEqualTo(value);
        }
    }

    @Test
    void durationsRoundToTheirStepAndPrintWithUnits() {
        TuneParameter timer = TuneParameter.duration("firmware.groFlushTimeoutNanos", 0, 200_000, 1_000, false);
        assertThat(timer.valueAt(0.1)).isEqualTo("20us");
        assertThat(timer.valueAt(0.10001)).isEqualTo("20us");
        assertThat(timer.valueAt(0)).isEqualTo("0ns");
        assertThat(timer.position("50us")).isEqualTo(0.25);
        assertThat(timer.describe()).isEqualTo("firmware.groFlushTimeoutNanos 0ns..200us");
    }

    @Test
    void namesTakeEqualSlices() {
        TuneParameter mode = TuneParameter.choice("firmware.dimMode", List.of("eqe", "cqe"));
        assertThat(mode.valueAt(0.49)).isEqualTo("eqe");
        assertThat(mode.valueAt(0.5)).isEqualTo("cqe");
        assertThat(mode.valueAt(1)).isEqualTo("cqe");
        assertThat(mode.valueAt(mode.position("cqe"))).isEqualTo("cqe");
        assertThat(mode.describe()).isEqualTo("firmware.dimMode eqe|cqe");
    }

    @Test
    void aSpaceDecodesSearchedKeysAndSetsPinnedOnes() {
        ParameterSpace space = new ParameterSpace("coalesce", List.of(
                TuneParameter.integer("firmware.rxUsecs", 0, 128, false),
                TuneParameter.integer("firmware.rxFrames", 4, 4, false),
                TuneParameter.choice("firmware.timerMode", List.of("eqe", "cqe"))));
        assertThat(space.dimensions()).isEqualTo(2);
        assertThat(space.size()).isEqualTo(129 * 2);
        assertThat(space.decode(new double[] {0.25, 0.9})).containsExactly(Map.entry("firmware.rxUsecs", "32"),
                Map.entry("firmware.rxFrames", "4"), Map.entry("firmware.timerMode", "cqe"));
        assertThat(space.encode(Map.of("firmware.rxUsecs", "32", "firmware.rxFrames", "4", "firmware.timerMode",
                "eqe"))) .containsExactly(0.25, 0.25);
        assertThat(new ParameterSpace("dim", List.of(TuneParameter.choice("firmware.dimMode", List.of("eqe", "cqe"))))
                .enumerate()).containsExactly(Map.of("firmware.dimMode", "eqe"), Map.of("firmware.dimMode", "cqe"));
    }

    @Test
    void everyPolicyButPerPacketDeclaresKeysTheScenarioKnows() {
        for (String policy : io.nicsim.firmware.policy.PolicyFactory.NAMES) {
            List<PolicySpaces.Declared> declared = PolicySpaces.of(policy);
            if (policy.equals("per-packet")) {
                assertThat(declared).isEmpty();
                continue;
            }
            assertThat(declared).as(policy).anyMatch(PolicySpaces.Declared::searched);
            for (PolicySpaces.Declared d : declared) {
                assertThat(io.nicsim.bench.scenario.ScenarioKeys.get(d.parameter().key())).as(d.parameter().key())
                        .isNotNull();
            }
        }
    }
}
