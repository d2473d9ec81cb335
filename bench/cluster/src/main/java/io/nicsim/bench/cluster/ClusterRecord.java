package io.nicsim.bench.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nicsim.bench.results.AtomicFiles;
import io.nicsim.bench.results.SummaryCheck;
import io.nicsim.bench.results.UnusableFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cluster.json in a study folder run over a cluster: who coordinated, the workers met, and for each item what became
 * of it and every try (a re-run after a lost worker shows as a {@code lost} try, then a {@code done} one). Written
 * first as the plan (every item {@code pending}), so a coordinator restarted on the same folder can tell its own study
 * (the same items, the same plan digests) from another one, then again as each item settles.
 *
 * @param study         {@code sweep}, {@code compare} or {@code tune}
 * @param coordinator   the coordinator's host name and the address it bound
 * @param nicsimVersion the nicsim version of the coordinator (and so of every worker it accepted)
 * @param workers       the workers met, in the order they joined (across restarts)
 * @param items         one per item, in item order
 */
public record ClusterRecord(String study, String coordinator, String nicsimVersion, List<WorkerInfo> workers,
                            List<Item> items) {

    /** The file's name in the study folder. */
    public static final String FILE_NAME = "cluster.json";
    /** An item's status before it settled. */
    public static final String PENDING = "pending";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ClusterRecord {
        workers = workers == null ? List.of() : List.copyOf(workers);
        items = items == null ? List.of() : List.copyOf(items);
    }

    /**
     * One item.
     *
     * @param index    its place in the study, from 0
     * @param label    what it is
     * @param folder   its folder, relative to the study folder
     * @param plan     the digest of what it runs (scenario, flags, folder): the same item of the same study has the
     *                 same
     * @param status   {@value #PENDING}, or an {@link ItemResult} status
     * @param worker   the worker whose result was kept; absent unless done (or resumed from a done one)
     * @param attempts every try, in order
     */
    public record Item(int index, String label, String folder, String plan, String status,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String worker, List<Attempt> attempts) {

        public Item {
            attempts = attempts == null ? List.of() : List.copyOf(attempts);
        }
    }

    /**
     * @param prefix where the items' folders are, relative to the study folder ({@code points/}), or empty
     * @return the plan of a study: every item pending, no worker met yet
     */
    public static ClusterRecord planned(String study, String coordinator, List<WorkItem> items, String prefix) {
        List<Item> planned = new ArrayList<>();
        for (WorkItem item : items) {
            planned.add(new Item(item.index(), item.label(), prefix + item.folder(), digest(item), PENDING, null,
                    List.of()));
        }
        return new ClusterRecord(study, coordinator, NicsimVersion.current(), List.of(), planned);
    }

    /** @return the digest of what an item runs: its folder, scenario text and flags (SHA-256, hex) */
    public static String digest(WorkItem item) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((item.folder() + "\n" + item.scenario() + "\n" + String.join("\u0000", item.runArgs()))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * @return why {@code other} (the plan of a study about to run in this record's folder) is not this record's study,
     *         in a few words naming the first difference, or null if it is the same
     */
    public String differsFrom(ClusterRecord other) {
        if (!study.equals(other.study())) {
            return "it holds a " + study + ", not a " + other.study();
        }
        if (items.size() != other.items().size()) {
            return "it holds a " + study + " of " + items.size() + " items, not " + other.items().size();
        }
        for (int i = 0; i < items.size(); i++) {
            Item mine = items.get(i);
            Item theirs = other.items().get(i);
            if (!mine.folder().equals(theirs.folder()) || !mine.plan().equals(theirs.plan())) {
                return "item " + (i + 1) + " (" + theirs.label() + ") is not the one it holds there ("
                        + mine.label() + "): another scenario, grid or flags";
            }
        }
        return null;
    }

    /**
     * @return this record with the item's outcome, its label and plan kept: a resumed item keeps the worker and tries
     *         recorded before, another adds its tries to those an earlier coordinator made
     */
    public ClusterRecord with(ItemResult result) {
        List<Item> updated = new ArrayList<>(items);
        int index = result.item().index();
        Item old = updated.get(index);
        boolean resumed = ItemResult.RESUMED.equals(result.status());
        List<Attempt> attempts = new ArrayList<>(old.attempts());
        if (!resumed) {
            attempts.addAll(result.attempts());
        }
        updated.set(index, new Item(old.index(), old.label(), old.folder(), old.plan(), result.status(),
                resumed && result.worker() == null ? old.worker() : result.worker(), attempts));
        return new ClusterRecord(study, coordinator, nicsimVersion, workers, updated);
    }

    /** @return this record with the workers met now added to those met before (by id, in the order they joined) */
    public ClusterRecord withWorkers(List<WorkerInfo> met) {
        Map<String, WorkerInfo> all = new LinkedHashMap<>();
        workers.forEach(w -> all.put(w.id(), w));
        met.forEach(w -> all.putIfAbsent(w.id(), w));
        return new ClusterRecord(study, coordinator, nicsimVersion, List.copyOf(all.values()), items);
    }

    /**
     * @param earlier the record an earlier coordinator of the same study left (same items: {@link #differsFrom} null)
     * @return this plan with the workers the earlier one met and what became of its items, tries and all
     */
    public ClusterRecord resuming(ClusterRecord earlier) {
        List<Item> merged = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item old = earlier.items().get(i);
            Item now = items.get(i);
            merged.add(new Item(now.index(), now.label(), now.folder(), now.plan(), old.status(), old.worker(),
                    old.attempts()));
        }
        return new ClusterRecord(study, coordinator, nicsimVersion, earlier.workers(), merged);
    }

    /** Writes {@code dir/cluster.json} through a temporary file. */
    public void write(Path dir) throws IOException {
        AtomicFiles.write(dir.resolve(FILE_NAME), JSON.writeValueAsBytes(this));
    }

    /** @throws UnusableFile one line naming the file and what is wrong */
    public static ClusterRecord read(Path file) throws IOException {
        ClusterRecord record;
        try {
            record = JSON.readValue(file.toFile(), ClusterRecord.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UnusableFile(SummaryCheck.describe(file, e), e);
        }
        if (record.study() == null) {
            throw new UnusableFile(file + ": expected a cluster record with \"study\" and \"items\"");
        }
        for (int i = 0; i < record.items().size(); i++) {
            Item item = record.items().get(i);
            if (item == null || item.index() != i || item.folder() == null || item.plan() == null) {
                throw new UnusableFile(file + ": items[" + i + "]: expected index " + i + ", a folder and a plan");
            }
        }
        return record;
    }
}
