package io.nicsim.bench.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.nicsim.bench.results.Comparison;
import io.nicsim.bench.results.Environment;
import io.nicsim.bench.results.RunFiles;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.run.RunFolderWriter;
import io.nicsim.bench.run.RunSpec;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A comparison over a cluster: each run ({@link RunSpec}: label, scenario, consumer) one {@link WorkItem}, its
 * {@code nicsim run} folder staged under {@value #STAGING}/ as it comes back; then ONE compare folder as a local
 * compare writes it: summary.json with the runs in spec order under their labels and the ratios to the first
 * ({@link Comparison}, as the local study computes them), each run's files under its {@code J-LABEL} sub-folder,
 * report.html. The staging folder goes once every run is in; a restarted coordinator takes the runs staged or already
 * in the folder and runs the others. Runs that ran on machines of another CPU, core count or JDK are named in a
 * warning: their ratios then compare the machines too.
 */
public final class ClusterCompare {

    /** Where the runs' own folders wait, in the compare folder, until the comparison is assembled. */
    public static final String STAGING = ".cluster-runs";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * What the comparison gave.
     *
     * @param summary  what summary.json holds
     * @param results  each run's outcome, in spec order
     * @param machines a warning when the runs ran on machines that differ (null when they did not)
     */
    public record Outcome(Summary summary, List<ItemResult> results, String machines) {

        /** @return the runs that failed on every try */
        public List<ItemResult> failed() {
            return ItemResult.failed(results);
        }
    }

    private final Dispatcher dispatcher;
    private final ClusterProgress progress;
    private final StopSignal stop;
    private final String coordinator;

    /** @param coordinator this coordinator as cluster.json names it */
    public ClusterCompare(Dispatcher dispatcher, ClusterProgress progress, StopSignal stop, String coordinator) {
        this.dispatcher = dispatcher;
        this.progress = progress;
        this.stop = stop;
        this.coordinator = coordinator;
    }

    /** @return one item per run, in spec order, each named by its run's files folder ({@code 1-virtual-thread}) */
    public static List<WorkItem> items(List<RunSpec> specs, String command, List<String> runArgs) {
        List<WorkItem> items = new ArrayList<>();
        for (int j = 0; j < specs.size(); j++) {
            RunSpec spec = specs.get(j);
            Scenario scenario = spec.scenario().withConsumer(spec.consumer());
            items.add(new WorkItem(j, spec.label(), RunFiles.of(Path.of(""), j, spec.label()).name(),
                    ClusterItems.scenarioText(scenario), runArgs, command + "  # run " + (j + 1) + " of "
                    + specs.size() + ": " + spec.label(), scenario.run().virtual()));
        }
        return items;
    }

    /** @return the plan cluster.json starts from, for {@link ClusterFolder#problem} before anything is written */
    public static ClusterRecord plan(String coordinator, List<WorkItem> items) {
        return ClusterRecord.planned("compare", coordinator, items, "");
    }

    /**
     * @param varies what differs between the runs ({@code consumer}, {@code policy})
     * @return the comparison (also written to {@code runDir}) and each run's outcome
     */
    public Outcome run(Scenario base, List<RunSpec> specs, List<String> varies, Path runDir, String command,
                       List<String> runArgs) throws Exception {
        List<WorkItem> items = items(specs, command, runArgs);
        ClusterRecord record = ClusterFolder.begin(runDir, plan(coordinator, items));
        Map<String, RunResult> assembled = assembledRuns(runDir);
        RunFolderWriter folder = RunFolderWriter.open(runDir, base.effective());
        try {
            return play(base, items, varies, folder, command, record, assembled);
        } catch (Exception | Error e) {
            folder.fail(e);
            throw e;
        }
    }

    private Outcome play(Scenario base, List<WorkItem> items, List<String> varies, RunFolderWriter folder,
                         String command, ClusterRecord record, Map<String, RunResult> assembled) throws Exception {
        Path runDir = folder.dir();
        Path staging = runDir.resolve(STAGING);
        List<ItemResult> results = new ClusterBatch(dispatcher, stop, progress, runDir, record).run(items, staging,
                item -> ClusterFolder.complete(staging.resolve(item.folder())) || assembled.containsKey(item.folder()),
                result -> { });
        List<RunResult> runs = new ArrayList<>();
        Map<String, Environment> machines = new LinkedHashMap<>();
        for (ItemResult result : results) {
            WorkItem item = result.item();
            Path staged = staging.resolve(item.folder());
            if (result.complete() && ClusterFolder.complete(staged)) {
                Summary summary = SummaryWriter.read(staged.resolve(SummaryWriter.FILE_NAME));
                RunResult run = summary.runs().getFirst();
                String from = RunFiles.of(staged, 0, run.name()).name();
                ClusterFolder.copyTree(staged.resolve(from), runDir.resolve(item.folder()));
                runs.add(relabelled(run, item.label(), from, item.folder()));
                machines.putIfAbsent(machine(summary.environment()), summary.environment());
            } else if (result.complete()) {
                runs.add(assembled.get(item.folder()));
            }
        }
        if (runs.isEmpty() && !stop.requested()) {
            throw new java.io.IOException("every run failed on the cluster (" + lastReason(results)
                    + "); every try is in " + runDir.resolve(ClusterRecord.FILE_NAME));
        }
        Comparison comparison = runs.isEmpty() ? null : Comparison.of(runs, varies);
        Environment environment = machines.isEmpty() ? Environment.current() : machines.values().iterator().next();
        Summary summary = new Summary(base.name(), stop.requested(), environment, List.copyOf(runs), base.effective(),
                command, comparison);
        folder.finish(summary, true);
        if (results.stream().allMatch(ItemResult::complete)) {
            RunFolder.deleteTree(staging);
        }
        return new Outcome(summary, results, machines.size() < 2 ? null : "the runs ran on machines that differ ("
                + String.join("; ", machines.keySet()) + "): their ratios compare the machines too; run the"
                + " comparison on workers of one kind, or locally");
    }

    /** @return the last try's reason of the last item that has one: {@code last: exit 1: error: ...} */
    static String lastReason(List<ItemResult> results) {
        return results.reversed().stream().flatMap(r -> r.attempts().reversed().stream())
                .map(Attempt::reason).filter(java.util.Objects::nonNull).findFirst()
                .map(reason -> "last: " + reason).orElse("no try finished");
    }

    /** @return what a comparison's ratios depend on of a machine: CPU, cores, JDK */
    static String machine(Environment environment) {
        return environment.cpu() + ", " + environment.cores() + " cores, " + environment.jdk();
    }

    /**
     * @return the runs of the compare folder's summary.json that a coordinator of this comparison assembled before
     *         (complete, their files in place), by their files folder; empty without one
     */
    private static Map<String, RunResult> assembledRuns(Path runDir) {
        Map<String, RunResult> runs = new HashMap<>();
        Path file = runDir.resolve(SummaryWriter.FILE_NAME);
        if (!Files.isRegularFile(file)) { // a folder of another study was refused before (ClusterFolder.begin)
            return runs;
        }
        try {
            List<RunResult> previous = SummaryWriter.read(file).runs();
            for (RunResult run : previous) {
                Map<String, String> files = run.files() == null ? Map.of() : run.files();
                String hgrm = files.get("hgrm");
                if (!run.interrupted() && hgrm != null && Files.isRegularFile(runDir.resolve(hgrm))) {
                    runs.put(hgrm.substring(0, hgrm.indexOf('/')), run);
                }
            }
        } catch (IOException e) {
            return Map.of(); // an unreadable summary: every run runs again
        }
        return runs;
    }

    /**
     * @return the run as the comparison shows it: under its label, its files' paths moved from the folder {@code from}
     *         to {@code to} (its rounds' too)
     */
    static RunResult relabelled(RunResult run, String label, String from, String to) throws IOException {
        JsonNode tree = JSON.valueToTree(run);
        ((ObjectNode) tree).put("label", label);
        movePaths(tree, from + "/", to + "/");
        return JSON.treeToValue(tree, RunResult.class);
    }

    private static void movePaths(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual() && field.getValue().asText().startsWith(from)) {
                    field.setValue(new TextNode(to + field.getValue().asText().substring(from.length())));
                } else {
                    movePaths(field.getValue(), from, to);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> movePaths(child, from, to));
        }
    }
}
