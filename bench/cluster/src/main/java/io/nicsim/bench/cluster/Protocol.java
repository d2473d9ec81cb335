package io.nicsim.bench.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages between coordinator and workers: their event-bus addresses, types and header fields, and the
 * conversions of items, workers and manifests to and from JSON. Every message is signed ({@link MessageSeal}).
 *
 * <pre>
 * nicsim.announce      (publish)   coordinator: announce {job, coordinator, member, version}; cancel {job}
 * nicsim.jobs          (request)   worker: where -&gt; a coordinator's announce (how a worker finds coordinators)
 * nicsim.job.JOB       (request)   worker: hello {worker} -&gt; welcome | refused {line}
 *                                  worker: ask {paced, virtual} -&gt; grant {token, attempt, item} | none {hello}
 *                                  worker: beat {token} -&gt; keep {keep}
 *                                  worker: result {token, item, attempt, files} -&gt; send {send, why}
 *                                  worker: chunk {token, file, offset} + bytes -&gt; ok | refused
 *                                  worker: end {token} -&gt; ok {ok, why}
 *                                  worker: failed {token, exit, line} -&gt; ok
 *                                  worker: abandon {tokens} -&gt; ok
 * </pre>
 */
final class Protocol {

    static final String ANNOUNCE = "nicsim.announce";
    static final String JOBS = "nicsim.jobs";

    static final String TYPE = "type";
    static final String JOB = "job";
    static final String FROM = "from";
    static final String TOKEN = "token";
    static final String ATTEMPT = "attempt";
    static final String ITEM = "item";
    static final String LINE = "line";

    static final String T_ANNOUNCE = "announce";
    static final String T_CANCEL = "cancel";
    static final String T_WHERE = "where";
    static final String T_HELLO = "hello";
    static final String T_WELCOME = "welcome";
    static final String T_REFUSED = "refused";
    static final String T_ASK = "ask";
    static final String T_GRANT = "grant";
    static final String T_NONE = "none";
    static final String T_BEAT = "beat";
    static final String T_RESULT = "result";
    static final String T_CHUNK = "chunk";
    static final String T_END = "end";
    static final String T_FAILED = "failed";
    static final String T_ABANDON = "abandon";
    static final String T_OK = "ok";

    /** The most bytes of a result file in one message. */
    static final int CHUNK_BYTES = 1 << 20;
    /** How long a request waits for its reply. */
    static final long REQUEST_MILLIS = 30_000;

    private Protocol() {
    }

    /** @return the address of a coordinator's job */
    static String job(String jobId) {
        return "nicsim.job." + jobId;
    }

    /** @return a header of {@code type} for {@code job}, from member {@code from} */
    static JsonObject header(String type, String job, String from) {
        return new JsonObject().put(TYPE, type).put(JOB, job).put(FROM, from);
    }

    static JsonObject item(WorkItem item) {
        return new JsonObject().put("index", item.index()).put("label", item.label()).put("folder", item.folder())
                .put("scenario", item.scenario()).put("runArgs", new JsonArray(new ArrayList<>(item.runArgs())))
                .put("command", item.command()).put("virtual", item.virtual());
    }

    /** @throws IllegalArgumentException when a field is missing or of another type */
    static WorkItem item(JsonObject json) {
        try {
            List<String> args = new ArrayList<>();
            for (Object arg : json.getJsonArray("runArgs")) {
                args.add((String) arg);
            }
            return new WorkItem(json.getInteger("index"), json.getString("label"), json.getString("folder"),
                    json.getString("scenario"), args, json.getString("command"), json.getBoolean("virtual"));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("a malformed work item", e);
        }
    }

    static JsonObject worker(WorkerInfo worker) {
        return new JsonObject().put("id", worker.id()).put("name", worker.name()).put("version", worker.version())
                .put("slots", worker.slots()).put("cores", worker.cores()).put("cpu", worker.cpu());
    }

    /** @throws IllegalArgumentException when a field is missing or of another type */
    static WorkerInfo worker(JsonObject json) {
        try {
            return new WorkerInfo(json.getString("id"), json.getString("name"), json.getString("version"),
                    json.getInteger("slots"), json.getInteger("cores"), json.getString("cpu"));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("a malformed worker", e);
        }
    }

    static JsonArray files(List<ResultRules.FileEntry> files) {
        JsonArray array = new JsonArray();
        for (ResultRules.FileEntry file : files) {
            array.add(new JsonObject().put("name", file.name()).put("bytes", file.bytes()).put("sha256",
                    file.sha256()));
        }
        return array;
    }

    /** @throws IllegalArgumentException when an entry is malformed */
    static List<ResultRules.FileEntry> files(JsonArray array) {
        if (array == null || array.size() > ResultRules.MAX_FILES) {
            throw new IllegalArgumentException(array == null ? "no file list" : array.size() + " files, more than "
                    + ResultRules.MAX_FILES);
        }
        List<ResultRules.FileEntry> files = new ArrayList<>();
        try {
            for (Object entry : array) {
                JsonObject file = (JsonObject) entry;
                files.add(new ResultRules.FileEntry(file.getString("name"), file.getLong("bytes"),
                        file.getString("sha256")));
            }
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("a malformed file list", e);
        }
        return files;
    }
}
