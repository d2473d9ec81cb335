package io.nicsim.bench.cluster;

import io.nicsim.bench.results.ScenarioYaml;
import io.nicsim.bench.scenario.RunConfig;
import io.nicsim.bench.scenario.Scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a study's run becomes a {@link WorkItem}: its effective scenario as the YAML {@code nicsim run} reads on a
 * worker, the journal not kept there (under {@code run.keepJournal: auto}: the coordinator never receives it), and
 * the flags of the run.
 */
public final class ClusterItems {

    /** The flag a worker's {@code nicsim run} gets to write packets.csv. */
    static final String EXPORT_PACKETS = "--export-packets";

    private ClusterItems() {
    }

    /**
     * @return the scenario as YAML text: every key as the run uses it, with {@code run.keepJournal: never} where it
     *         said {@code auto} (a cluster study refuses {@code always}: journals stay on the workers)
     */
    public static String scenarioText(Scenario scenario) {
        Map<String, Object> effective = new LinkedHashMap<>(scenario.effective());
        if (effective.get("run") instanceof Map<?, ?> run) {
            Map<Object, Object> section = new LinkedHashMap<>(run);
            if (RunConfig.KEEP_JOURNAL_AUTO.equals(section.get("keepJournal"))) {
                section.put("keepJournal", RunConfig.KEEP_JOURNAL_NEVER);
            }
            effective.put("run", section);
        }
        try {
            return ScenarioYaml.render(effective);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return what follows {@code nicsim run SCENARIO --out DIR --quiet} on a worker */
    public static List<String> runArgs(boolean exportPackets) {
        return exportPackets ? List.of(EXPORT_PACKETS) : List.of();
    }
}
