package io.nicsim.bench.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A deterministic stand-in for the simulator: each run's figures are a function of the point's values, so a test
 * knows the optimum and checks the search without timing. Coalesce's rule that rxUsecs and rxFrames cannot both be
 * 0 is kept, so refused points are exercised too.
 */
final class SyntheticEvaluator implements Evaluator {

    private final Function<Map<String, String>, Map<String, Double>> figures;
    final List<String> phases = new ArrayList<>();
    boolean warmedUp;

    SyntheticEvaluator(Function<Map<String, String>, Map<String, Double>> figures) {
        this.figures = figures;
    }

    @Override
    public Measurement measure(Map<String, String> point, int index, String phase) {
        if (refusal(point) != null) {
            throw new AssertionError("a refused point was run: " + point);
        }
        phases.add(phase);
        return new Measurement(figures.apply(point), "");
    }

    @Override
    public String refusal(Map<String, String> point) {
        return "0".equals(point.get("firmware.rxUsecs")) && "0".equals(point.get("firmware.rxFrames"))
                ? "firmware.rxUsecs and firmware.rxFrames are both 0" : null;
    }

    @Override
    public void warmUp(Map<String, String> start) {
        warmedUp = true;
    }

    static int integer(Map<String, String> point, String key) {
        return Integer.parseInt(point.get(key));
    }
}
