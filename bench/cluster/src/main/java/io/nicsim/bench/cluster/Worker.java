package io.nicsim.bench.cluster;

import com.hazelcast.core.LifecycleEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A worker: finds the coordinators of the cluster (their announcements, and a slow look of its own), passes each one's
 * handshake, asks for the next item whenever it has a free slot (paced items: {@code slots} at a time, and nothing
 * else meanwhile, so the machine stays quiet; virtual-time items: one per core), runs each with its
 * {@link ItemRunner} in a folder of its own, beats for it every second, and streams its run folder back in chunks
 * ({@link ResultFiles}). It stops an item when its coordinator cancels it, gives it up or leaves. Everything it does
 * runs on one Vert.x event loop; file reads and process starts on Vert.x's worker threads. It prints one line per
 * event through {@code say}.
 */
public final class Worker {

    private static final DeliveryOptions REQUEST = new DeliveryOptions().setSendTimeout(Protocol.REQUEST_MILLIS);
    private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(2_000);

    private final ClusterNode node;
    private final ItemRunner runner;
    private final Settings settings;
    private final Consumer<String> say;
    private final Vertx vertx;
    private final Context context;
    private final MessageSeal seal;
    private final WorkerInfo info;
    private final Path folder;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Set<String> refusals = new HashSet<>();
    private MessageConsumer<Buffer> announcements;
    private final List<Long> timers = new ArrayList<>();
    private boolean asking;
    private boolean stopping;
    private boolean stopped;
    private ClusterException failure;

    /**
     * How a worker runs.
     *
     * @param name     how it is shown ({@code host:pid})
     * @param version  the nicsim version it says it runs at the handshake ({@link NicsimVersion#current()})
     * @param slots    paced items at once (1: the machine must be quiet)
     * @param cores    virtual-time items at once
     * @param workRoot where its work folder goes
     * @param timing   beats, leases, retries, grace
     */
    public record Settings(String name, String version, int slots, int cores, Path workRoot, Timing timing) {

        /** @return settings with this machine's name ({@code host:pid}) and cores */
        public static Settings of(int slots, Path workRoot) {
            return new Settings(WorkerIdentity.hostName() + ":" + ProcessHandle.current().pid(),
                    NicsimVersion.current(), slots, Runtime.getRuntime().availableProcessors(), workRoot,
                    Timing.DEFAULT);
        }
    }

    private Worker(ClusterNode node, ItemRunner runner, Settings settings, Consumer<String> say, Path folder) {
        this.node = node;
        this.runner = runner;
        this.settings = settings;
        this.say = say;
        this.vertx = node.vertx();
        this.context = vertx.getOrCreateContext();
        this.seal = node.seal();
        this.folder = folder;
        this.info = new WorkerInfo(node.memberId(), settings.name(), settings.version(), settings.slots(),
                settings.cores(), WorkerIdentity.cpu());
    }

    /**
     * Starts a worker on a node that joined the cluster: cleans the work folders of dead workers, makes its own,
     * listens for coordinators.
     *
     * @throws ClusterRefusal when the cluster of a named member did not take this node (another secret)
     * @throws IOException    when its work folder cannot be made
     */
    public static Worker start(ClusterNode node, ItemRunner runner, Settings settings, Consumer<String> say)
            throws ClusterException, IOException {
        node.checkAdmitted();
        for (Path stale : WorkFolder.cleanStale(settings.workRoot())) {
            say.accept("cleaned up: removed " + stale + ", the work folder of a worker that is gone");
        }
        Path folder = WorkFolder.create(settings.workRoot(), node.memberId().substring(0, 8));
        Worker worker = new Worker(node, runner, settings, say, folder);
        worker.begin();
        return worker;
    }

    private void begin() throws ClusterException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        context.runOnContext(v -> {
            announcements = vertx.eventBus().consumer(Protocol.ANNOUNCE, this::onAnnouncement);
            timers.add(vertx.setPeriodic(settings.timing().beatMillis(), id -> beat()));
            timers.add(vertx.setPeriodic(settings.timing().retryMillis(), id -> {
                lookForCoordinators();
                ask();
            }));
            announcements.completion().onComplete(done -> ready.complete(null));
        });
        try {
            ready.get(Protocol.REQUEST_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new ClusterException("the worker could not listen on the event bus: " + e.getMessage(), e);
        }
        node.onMembers(id -> context.runOnContext(v -> lookForCoordinators()),
                id -> context.runOnContext(v -> coordinatorGone(id)));
        node.hazelcast().getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                context.runOnContext(v -> clusterLost());
            }
        });
        say.accept(String.format(Locale.ROOT, "nicsim worker %s: joined the cluster at %s in %.1f s (%d member%s);"
                        + " %d paced slot%s, %d virtual; work folder %s", info.name(), node.address(),
                node.joinMillis() / 1000.0, node.members(), node.members() == 1 ? "" : "s", info.slots(),
                info.slots() == 1 ? "" : "s", info.cores(), folder));
        if (node.members() == 1) {
            say.accept("waiting: this worker is alone in its cluster (no other member of " + String.join(",",
                    node.options().members()) + " answers yet); it waits for a coordinator or workers to join it");
        }
        context.runOnContext(v -> lookForCoordinators());
    }

    /**
     * @return completes once the worker stopped: normally after {@link #shutdown}; with a {@link ClusterRefusal} when
     *         a coordinator refused it (another version), or a {@link ClusterException} when its cluster node shut down
     */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    /** @return this worker as its handshake describes it */
    public WorkerInfo info() {
        return info;
    }

    /**
     * Stops: tells each coordinator its items in progress are abandoned (so they are requeued at once), stops their
     * runs, removes the work folder, then {@link #ended()} completes with 0. Any thread; returns at once.
     */
    public void shutdown(String why) {
        context.runOnContext(v -> stop(why, null, true));
    }

    private JsonObject header(String type, String job) {
        return Protocol.header(type, job, info.id());
    }

    private Future<MessageSeal.Opened> request(String job, JsonObject header, Buffer body, DeliveryOptions options) {
        return vertx.eventBus().<Buffer>request(Protocol.job(job), seal.seal(header, body), options)
                .compose(reply -> open(reply.body()));
    }

    private Future<MessageSeal.Opened> open(Buffer body) {
        try {
            return Future.succeededFuture(seal.open(body));
        } catch (MessageSeal.Refused e) {
            refusedMessage("refused a reply: " + e.getMessage());
            return Future.failedFuture(e);
        }
    }

    private void refusedMessage(String line) {
        if (refusals.size() < 100 && refusals.add(line)) {
            say.accept(line);
        }
    }

    private void lookForCoordinators() {
        if (stopping) {
            return;
        }
        vertx.eventBus().<Buffer>request(Protocol.JOBS, seal.seal(header(Protocol.T_WHERE, ""), null), QUICK)
                .compose(reply -> open(reply.body()))
                .onSuccess(this::onAnnounce);
    }

    private void onAnnouncement(Message<Buffer> message) {
        MessageSeal.Opened opened;
        try {
            opened = seal.open(message.body());
        } catch (MessageSeal.Refused e) {
            refusedMessage("refused an announcement: " + e.getMessage());
            return;
        }
        if (Protocol.T_CANCEL.equals(opened.text(Protocol.TYPE))) {
            Job job = jobs.remove(opened.text(Protocol.JOB));
            if (job != null) {
                dropTasks(job.id, "its coordinator stopped the study");
            }
        } else if (Protocol.T_ANNOUNCE.equals(opened.text(Protocol.TYPE))) {
            onAnnounce(opened);
        }
    }

    private void onAnnounce(MessageSeal.Opened opened) {
        if (stopping) {
            return;
        }
        String id = opened.text(Protocol.JOB);
        Job job = jobs.get(id);
        if (job == null) {
            job = new Job(id, opened.text(Protocol.FROM), opened.text("coordinator"));
            jobs.put(id, job);
            hello(job);
        } else if (job.welcomed) {
            ask();
        }
    }

    private void hello(Job job) {
        request(job.id, header(Protocol.T_HELLO, job.id).put("worker", Protocol.worker(info)), null, REQUEST)
                .onFailure(e -> jobs.remove(job.id)) // found again by its next announcement
                .onSuccess(reply -> {
                    String version = reply.text("version");
                    if (Protocol.T_REFUSED.equals(reply.text(Protocol.TYPE))) {
                        refused("refused by coordinator " + job.name + ": it runs nicsim " + version
                                + ", this worker " + info.version());
                    } else if (!info.version().equals(version)) {
                        refused("refused coordinator " + job.name + ": it runs nicsim " + version + ", this worker "
                                + info.version());
                    } else {
                        job.welcomed = true;
                        say.accept("joined the study of coordinator " + job.name + " (job " + job.id + ")");
                        ask();
                    }
                });
    }

    private void refused(String line) {
        stop(line, new ClusterRefusal(line), true);
    }

    private boolean canPaced() {
        return running(true) == 0 && running(false) < settings.slots();
    }

    private boolean canVirtual() {
        return running(false) == 0 && running(true) < settings.cores();
    }

    private int running(boolean virtual) {
        return (int) tasks.values().stream().filter(t -> t.item.virtual() == virtual).count();
    }

    /** Asks the welcoming coordinators, oldest first, for an item, while a slot is free. */
    private void ask() {
        if (asking || stopping || (!canPaced() && !canVirtual())) {
            return;
        }
        List<Job> welcoming = jobs.values().stream().filter(j -> j.welcomed).toList();
        if (!welcoming.isEmpty()) {
            asking = true;
            askNext(welcoming, 0);
        }
    }

    private void askNext(List<Job> welcoming, int index) {
        if (index == welcoming.size() || stopping) {
            asking = false;
            return;
        }
        Job job = welcoming.get(index);
        JsonObject ask = header(Protocol.T_ASK, job.id).put("paced", canPaced()).put("virtual", canVirtual());
        request(job.id, ask, null, REQUEST).onComplete(replied -> {
            MessageSeal.Opened reply = replied.succeeded() ? replied.result() : null;
            if (reply != null && Protocol.T_GRANT.equals(reply.text(Protocol.TYPE)) && !stopping) {
                asking = false;
                take(job, reply);
                ask();
                return;
            }
            if (reply != null && reply.header().getBoolean("hello", false)) {
                job.welcomed = false;
                hello(job);
            }
            askNext(welcoming, index + 1);
        });
    }

    private void take(Job job, MessageSeal.Opened grant) {
        WorkItem item;
        try {
            item = Protocol.item(grant.header().getJsonObject(Protocol.ITEM, new JsonObject()));
        } catch (IllegalArgumentException | ClassCastException e) {
            reportFailed(job.id, grant.text(Protocol.TOKEN), "a malformed work item");
            return;
        }
        String refusal = ResultRules.folderProblem(item.folder());
        if (refusal != null) {
            say.accept("refused item " + (item.index() + 1) + ": its " + refusal);
            reportFailed(job.id, grant.text(Protocol.TOKEN), "the worker refused it: its " + refusal);
            return;
        }
        Task task = new Task(job.id, grant.text(Protocol.TOKEN), (int) grant.number(Protocol.ATTEMPT), item,
                folder.resolve(job.id + "-" + item.index() + "-" + grant.number(Protocol.ATTEMPT)));
        tasks.put(task.token, task);
        vertx.executeBlocking(() -> {
            Files.createDirectories(task.dir);
            return runner.start(item, task.dir);
        }, false).onComplete(started -> {
            if (started.failed()) {
                finish(task, "could not start item " + (item.index() + 1) + " (" + item.label() + "): "
                        + started.cause().getMessage(), started.cause().getMessage());
                return;
            }
            task.running = started.result();
            say.accept("started item " + (item.index() + 1) + " (" + item.label() + "), try " + task.attempt + ", for "
                    + job(task).name);
            if (task.dropped) {
                task.running.stop();
            }
            task.running.exited().whenComplete((outcome, error) -> context.runOnContext(v -> exited(task, outcome,
                    error)));
        });
    }

    private Job job(Task task) {
        Job job = jobs.get(task.job);
        return job != null ? job : new Job(task.job, "", "a coordinator gone");
    }

    private void exited(Task task, ItemRunner.Outcome outcome, Throwable error) {
        if (task.dropped) {
            remove(task);
            return;
        }
        if (error == null && outcome.ran() && Files.isRegularFile(task.running.runDir().resolve(
                ResultRules.SUMMARY))) {
            new ResultSender(task).send();
            return;
        }
        String why = error != null ? String.valueOf(error) : "exit " + outcome.exitCode()
                + (outcome.lastLine().isEmpty() ? "" : ": " + outcome.lastLine());
        finish(task, "failed item " + (task.item.index() + 1) + " (" + task.item.label() + "): " + why, why);
    }

    /** Tells the coordinator the try failed (when {@code failure} is not null), then removes the task. */
    private void finish(Task task, String line, String failure) {
        say.accept(line);
        if (failure != null) {
            reportFailed(task.job, task.token, failure);
        }
        remove(task);
    }

    private void reportFailed(String job, String token, String line) {
        request(job, header(Protocol.T_FAILED, job).put(Protocol.TOKEN, token).put(Protocol.LINE, line), null,
                REQUEST);
    }

    private void remove(Task task) {
        if (tasks.remove(task.token) == null) {
            return;
        }
        vertx.executeBlocking(() -> {
            ResultIntake.delete(task.dir);
            return null;
        }, false).onComplete(deleted -> {
            if (stopping && tasks.isEmpty()) {
                finishStop();
            }
        });
        ask();
    }

    private void beat() {
        for (Task task : List.copyOf(tasks.values())) {
            if (task.dropped) {
                continue;
            }
            request(task.job, header(Protocol.T_BEAT, task.job).put(Protocol.TOKEN, task.token), null, QUICK)
                    .onSuccess(reply -> {
                        if (tasks.containsKey(task.token) && !reply.header().getBoolean("keep", true)) {
                            drop(task, "its coordinator gave it up (declared lost, or the study stopped)");
                        }
                    });
        }
    }

    private void drop(Task task, String why) {
        if (task.dropped) {
            return;
        }
        task.dropped = true;
        say.accept("stopped item " + (task.item.index() + 1) + " (" + task.item.label() + "): " + why);
        if (task.running != null) {
            task.running.stop();
        }
    }

    private void dropTasks(String job, String why) {
        for (Task task : List.copyOf(tasks.values())) {
            if (task.job.equals(job)) {
                drop(task, why);
            }
        }
    }

    private void coordinatorGone(String memberId) {
        for (Job job : List.copyOf(jobs.values())) {
            if (job.member.equals(memberId)) {
                jobs.remove(job.id);
                dropTasks(job.id, "its coordinator " + job.name + " left the cluster");
            }
        }
    }

    private void clusterLost() {
        if (!stopping) {
            stop("its cluster node shut down", new ClusterException("left the cluster: its node shut down"), false);
        }
    }

    /**
     * Abandons the items in progress (told to their coordinators, when {@code tell}: the cluster is still there),
     * stops their runs, then ends: normally, or with {@code error}.
     */
    private void stop(String why, ClusterException error, boolean tell) {
        if (stopping) {
            return;
        }
        stopping = true;
        failure = error;
        timers.forEach(vertx::cancelTimer);
        Map<String, List<String>> byJob = new LinkedHashMap<>();
        if (tell) {
            tasks.values().forEach(t -> byJob.computeIfAbsent(t.job, j -> new ArrayList<>()).add(t.token));
        }
        List<Future<MessageSeal.Opened>> told = new ArrayList<>();
        byJob.forEach((job, tokens) -> told.add(request(job, header(Protocol.T_ABANDON, job).put("tokens",
                new JsonArray(new ArrayList<>(tokens))).put("why", why), null, QUICK)));
        if (!tasks.isEmpty()) {
            say.accept("stopping: " + tasks.size() + " item" + (tasks.size() == 1 ? "" : "s") + " in progress"
                    + " abandoned (" + (tell ? "their coordinators run them elsewhere" : "not told: no cluster")
                    + ")");
        }
        Future.join(new ArrayList<>(told)).onComplete(all -> {
            for (Task task : List.copyOf(tasks.values())) {
                task.dropped = true;
                if (task.running != null) {
                    task.running.stop();
                } else {
                    remove(task);
                }
            }
            if (tasks.isEmpty()) {
                finishStop();
            }
        });
    }

    private void finishStop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (announcements != null) {
            announcements.unregister();
        }
        vertx.executeBlocking(() -> {
            ResultIntake.delete(folder);
            return null;
        }, false).onComplete(deleted -> {
            if (failure != null) {
                ended.completeExceptionally(failure);
            } else {
                ended.complete(null);
            }
        });
    }

    /** A coordinator met. */
    private static final class Job {
        final String id;
        final String member;
        final String name;
        boolean welcomed;

        Job(String id, String member, String name) {
            this.id = id;
            this.member = member;
            this.name = name;
        }
    }

    /** An item taken. */
    private static final class Task {
        final String job;
        final String token;
        final int attempt;
        final WorkItem item;
        final Path dir;
        final long startedNanos = System.nanoTime();
        ItemRunner.Running running;
        boolean dropped;

        Task(String job, String token, int attempt, WorkItem item, Path dir) {
            this.job = job;
            this.token = token;
            this.attempt = attempt;
            this.item = item;
            this.dir = dir;
        }
    }

    /** Sends one task's run folder: the manifest, then each file in chunks, then the end; one message at a time. */
    private final class ResultSender {
        private final Task task;
        private List<ResultRules.FileEntry> files;
        private long bytes;

        ResultSender(Task task) {
            this.task = task;
        }

        void send() {
            Path runDir = task.running.runDir();
            vertx.executeBlocking(() -> ResultFiles.manifest(runDir), false).onComplete(listed -> {
                if (listed.failed()) {
                    finish(task, "failed item " + (task.item.index() + 1) + ": cannot read its run folder: "
                            + listed.cause().getMessage(), "cannot read its run folder on the worker");
                    return;
                }
                files = listed.result();
                bytes = files.stream().mapToLong(ResultRules.FileEntry::bytes).sum();
                JsonObject result = header(Protocol.T_RESULT, task.job).put(Protocol.TOKEN, task.token)
                        .put(Protocol.ITEM, task.item.index()).put(Protocol.ATTEMPT, task.attempt)
                        .put("files", Protocol.files(files));
                request(task.job, result, null, REQUEST).onComplete(replied -> {
                    if (replied.succeeded() && replied.result().header().getBoolean("send", false)) {
                        chunk(0, 0);
                    } else {
                        gone(replied.succeeded() ? "not taken: " + replied.result().text("why")
                                : "not sent: " + replied.cause().getMessage());
                    }
                });
            });
        }

        private void chunk(int index, long offset) {
            if (task.dropped) {
                remove(task);
                return;
            }
            if (index == files.size()) {
                end();
                return;
            }
            ResultRules.FileEntry file = files.get(index);
            if (offset >= file.bytes()) {
                chunk(index + 1, 0);
                return;
            }
            Path path = task.running.runDir().resolve(file.name());
            vertx.executeBlocking(() -> ResultFiles.read(path, offset, Protocol.CHUNK_BYTES), false)
                    .compose(data -> request(task.job, header(Protocol.T_CHUNK, task.job).put(Protocol.TOKEN,
                            task.token).put("file", index).put("offset", offset), Buffer.buffer(data), REQUEST)
                            .map(reply -> Protocol.T_OK.equals(reply.text(Protocol.TYPE)) ? data.length
                                    : fail(reply.text(Protocol.LINE))))
                    .onComplete(sent -> {
                        if (sent.failed() || sent.result() == 0) {
                            gone("not sent: " + (sent.failed() ? sent.cause().getMessage() : "a file shrank"));
                        } else {
                            chunk(index, offset + sent.result());
                        }
                    });
        }

        private int fail(String why) {
            throw new IllegalStateException("refused: " + why);
        }

        private void end() {
            request(task.job, header(Protocol.T_END, task.job).put(Protocol.TOKEN, task.token), null, REQUEST)
                    .onComplete(replied -> {
                        if (replied.succeeded() && replied.result().header().getBoolean("ok", false)) {
                            say.accept(String.format(Locale.ROOT, "done item %d (%s) in %.1f s: %d files, %.1f MB"
                                            + " sent", task.item.index() + 1, task.item.label(),
                                    (System.nanoTime() - task.startedNanos) / 1e9, files.size(), bytes / 1e6));
                            remove(task);
                        } else {
                            gone(replied.succeeded() ? "refused: " + replied.result().text("why")
                                    : "not sent: " + replied.cause().getMessage());
                        }
                    });
        }

        /** The result did not make it; the coordinator decides what becomes of the item. */
        private void gone(String why) {
            say.accept("result of item " + (task.item.index() + 1) + " (" + task.item.label() + ") " + why);
            remove(task);
        }
    }
}
