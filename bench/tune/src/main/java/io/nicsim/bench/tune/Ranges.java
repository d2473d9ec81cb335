package io.nicsim.bench.tune;

import io.nicsim.bench.results.KeyUse;
import io.nicsim.bench.scenario.Quote;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioKey;
import io.nicsim.bench.scenario.ScenarioKeys;
import io.nicsim.bench.scenario.Suggestions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the space a tune searches: the policy's declared keys ({@link PolicySpaces}) with the {@code --range}
 * options applied. {@code --range KEY=LOW..HIGH} sets a numeric key's range ({@code KEY=VALUE} pins it),
 * {@code --range KEY=A,B} a named key's values; a --range on an optional key adds it to the search.
 */
public final class Ranges {

    /** Where range errors point. */
    public static final String FLAG = "--range";

    private Ranges() {
    }

    /** @return why {@code key} cannot be searched with {@code policy}: a key the policy never reads says who does */
    static String notTunable(String key, String policy, List<String> tunableKeys) {
        String tunable = String.join(", ", tunableKeys);
        List<String> users = key.startsWith("firmware.") ? KeyUse.policiesUsing(key) : List.of(policy);
        if (!users.contains(policy)) {
            return "not used by policy " + policy + " (used by: " + (users.isEmpty() ? "none" : String.join(", ",
                    users)) + "); tunable with " + policy + ": " + tunable;
        }
        return "not tunable with policy " + policy + " (tunable: " + tunable + ")";
    }

    /**
     * @param policy      the scenario's firmware policy
     * @param policySource where the policy was set, for the error if it has nothing to tune
     * @param ranges      the --range options, as given
     * @param scenario    loads the scenario with a value set, to check each bound is one the simulator accepts
     * @throws ScenarioException one line naming the flag, the key and the problem
     */
    public static ParameterSpace build(String policy, String policySource, List<String> ranges, ScenarioSource scenario)
            throws ScenarioException {
        List<PolicySpaces.Declared> declared = PolicySpaces.of(policy);
        if (declared.isEmpty()) {
            throw new ScenarioException(policySource, "firmware.policy", policy + " has no parameters to tune;"
                    + " tunable policies: " + String.join(", ", PolicySpaces.tunablePolicies()));
        }
        List<String> tunableKeys = declared.stream().map(d -> d.parameter().key()).toList();
        Map<String, TuneParameter> overrides = new LinkedHashMap<>();
        for (String range : ranges) {
            int eq = range.indexOf('=');
            String key = eq < 0 ? "" : range.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw new ScenarioException(FLAG, null, "expected KEY=LOW..HIGH (or KEY=A,B for names), found "
                        + Quote.of(range));
            }
            ScenarioKey scenarioKey = ScenarioKeys.get(key);
            if (scenarioKey == null) {
                throw new ScenarioException(FLAG, key, "unknown key"
                        + Suggestions.didYouMean(key, ScenarioKeys.paths()));
            }
            PolicySpaces.Declared tunable = declared.stream().filter(d -> d.parameter().key().equals(key)).findFirst()
                    .orElseThrow(() -> new ScenarioException(FLAG, key, notTunable(key, policy, tunableKeys)));
            if (overrides.containsKey(key)) {
                throw new ScenarioException(FLAG, key, "given twice");
            }
            TuneParameter parameter = parse(tunable.parameter(), scenarioKey, range.substring(eq + 1).trim());
            checkBounds(parameter, tunableKeys, scenario);
            overrides.put(key, parameter);
        }
        List<TuneParameter> parameters = new ArrayList<>();
        for (PolicySpaces.Declared d : declared) {
            TuneParameter override = overrides.get(d.parameter().key());
            if (override != null) {
                parameters.add(override);
            } else if (d.searched()) {
                parameters.add(d.parameter());
            }
        }
        ParameterSpace space = new ParameterSpace(policy, parameters);
        if (space.dimensions() == 0) {
            throw new ScenarioException(FLAG, null, "every tunable key of " + policy
                    + " is pinned to one value: nothing to search");
        }
        return space;
    }

    private static TuneParameter parse(TuneParameter declared, ScenarioKey key, String spec) throws ScenarioException {
        if (declared.kind() == TuneParameter.Kind.CHOICE) {
            List<String> names = new ArrayList<>();
            for (String name : spec.split(",", -1)) {
                String trimmed = name.trim();
                if (trimmed.isEmpty()) {
                    throw new ScenarioException(FLAG, key.path(), "expected names separated by commas, found "
                            + Quote.of(spec));
                }
                value(key, trimmed);
                if (names.contains(trimmed)) {
                    throw new ScenarioException(FLAG, key.path(), "value " + Quote.of(trimmed) + " is listed twice");
                }
                names.add(trimmed);
            }
            return declared.withChoices(names);
        }
        int dots = spec.indexOf("..");
        String lowText = dots < 0 ? spec : spec.substring(0, dots).trim();
        String highText = dots < 0 ? spec : spec.substring(dots + 2).trim();
        if (lowText.isEmpty() || highText.isEmpty() || highText.contains("..")) {
            throw new ScenarioException(FLAG, key.path(), "expected LOW..HIGH (or one VALUE to pin it), found "
                    + Quote.of(spec));
        }
        long low;
        long high;
        try {
            low = number(value(key, lowText));
            high = number(value(key, highText));
        } catch (ScenarioException e) {
            if (dots < 0) {
                throw new ScenarioException(FLAG, key.path(), "expected LOW..HIGH or one VALUE, found "
                        + Quote.of(spec), e);
            }
            throw e;
        }
        if (low > high) {
            throw new ScenarioException(FLAG, key.path(), "LOW " + declared.format(low) + " is above HIGH "
                    + declared.format(high));
        }
        return declared.withRange(low, high);
    }

    private static Object value(ScenarioKey key, String text) throws ScenarioException {
        try {
            return key.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(FLAG, key.path(), e.getMessage());
        }
    }

    private static long number(Object parsed) {
        return ((Number) parsed).longValue();
    }

    /**
     * Each bound must be a value the simulator accepts for the key on its own. A refusal that names another tunable
     * key is about a combination (hybrid-poll's sleep threshold above its pause threshold, coalesce's rxUsecs and
     * rxFrames both 0): such points are skipped during the search, not refused here.
     */
    private static void checkBounds(TuneParameter parameter, List<String> tunableKeys, ScenarioSource scenario)
            throws ScenarioException {
        List<String> bounds = parameter.kind() == TuneParameter.Kind.CHOICE ? parameter.choices()
                : List.of(parameter.format(parameter.low()), parameter.format(parameter.high()));
        for (String bound : bounds) {
            try {
                scenario.load(FLAG, Map.of(parameter.key(), bound));
            } catch (ScenarioException e) {
                String message = String.valueOf(e.getMessage());
                boolean combination = tunableKeys.stream()
                        .anyMatch(other -> !other.equals(parameter.key()) && message.contains(other));
                if (!combination) {
                    throw e;
                }
            }
        }
    }
}
