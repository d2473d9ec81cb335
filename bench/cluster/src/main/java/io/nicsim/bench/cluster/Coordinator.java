package io.nicsim.bench.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's end of the cluster: joins it, and hands work items out by pull. Workers ask for the next item
 * when they have a free slot; the coordinator answers with the first waiting item (by index) that fits, announces new
 * work so idle workers ask at once, renews each try's lease on its worker's beats, takes results in
 * ({@link ResultIntake}) and keeps the books ({@link DispatchBook}). Everything it does runs on one Vert.x event loop;
 * file writes on a worker thread of its own. Its job id is random, so coordinators sharing a cluster do not mix.
 */
public final class Coordinator implements Dispatcher {

    /** How long {@link #stop()} and the start wait for the event loop. */
    private static final long WAIT_SECONDS = 30;
    /** The most distinct refusal lines told, so a flood of bad messages cannot flood the terminal. */
    private static final int MAX_REFUSAL_LINES = 100;

    private final ClusterNode node;
    private final boolean ownsNode;
    private final Timing timing;
    private final DispatchListener listener;
    private final String jobId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String name = WorkerIdentity.hostName() + ":" + ProcessHandle.current().pid();
    private final Vertx vertx;
    private final Context context;
    private final MessageSeal seal;
    private final ExecutorService completions;
    private final WorkerExecutor files;
    private final DispatchBook book;
    private final Map<String, ResultIntake> intakes = new HashMap<>();
    private final Set<String> refusals = new HashSet<>();
    private final Set<Path> cleaned = ConcurrentHashMap.newKeySet();
    private volatile List<WorkerInfo> met = List.of();
    private volatile int pacedSlots = 1;
    private volatile int virtualSlots = 1;
    private volatile boolean closed;
    private boolean announcing;
    private long leaseTimer = -1;
    private List<MessageConsumer<Buffer>> consumers = List.of();

    private Coordinator(ClusterNode node, boolean ownsNode, DispatchListener listener, Timing timing) {
        this.node = node;
        this.ownsNode = ownsNode;
        this.listener = GuardedListener.of(listener);
        this.timing = timing;
        this.vertx = node.vertx();
        this.context = vertx.getOrCreateContext();
        this.seal = node.seal();
        this.completions = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "nicsim-dispatch-results");
            thread.setDaemon(true);
            return thread;
        });
        this.files = vertx.createSharedWorkerExecutor("nicsim-results-" + jobId, 1);
        this.book = new DispatchBook(NicsimVersion.current(), this.listener, completions, System::currentTimeMillis);
    }

    /**
     * Joins the cluster as a coordinator.
     *
     * @param options     members, bind address, secret
     * @param listener    told what happens (progress), on the coordinator's event loop
     * @param joinTimeout how long the join may take before it fails
     * @throws ClusterException with one line if the cluster cannot be joined ({@link ClusterRefusal}: a named
     *                          member's cluster has another secret)
     */
    public static Coordinator join(ClusterOptions options, DispatchListener listener, Duration joinTimeout)
            throws ClusterException {
        ClusterNode node = ClusterNode.start(options, joinTimeout);
        try {
            node.checkAdmitted();
            return start(node, true, listener, Timing.DEFAULT);
        } catch (ClusterException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** Starts a coordinator on a node already in the cluster (closed with it when {@code ownsNode}). */
    static Coordinator start(ClusterNode node, boolean ownsNode, DispatchListener listener, Timing timing)
            throws ClusterException {
        Coordinator coordinator = new Coordinator(node, ownsNode, listener, timing);
        coordinator.begin();
        return coordinator;
    }

    private void begin() throws ClusterException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        context.runOnContext(v -> {
            MessageConsumer<Buffer> jobs = vertx.eventBus().consumer(Protocol.job(jobId), this::onJobMessage);
            MessageConsumer<Buffer> where = vertx.eventBus().consumer(Protocol.JOBS, this::onWhere);
            consumers = List.of(jobs, where);
            leaseTimer = vertx.setPeriodic(timing.beatMillis(), id -> expire());
            Future.all(jobs.completion(), where.completion()).onComplete(done -> {
                if (done.succeeded()) {
                    ready.complete(null);
                } else {
                    ready.completeExceptionally(done.cause());
                }
            });
        });
        try {
            ready.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ClusterException("the coordinator could not listen on the event bus: " + e.getMessage(), e);
        }
        node.onMembers(id -> context.runOnContext(v -> announce()),
                id -> context.runOnContext(v -> memberLeft(id)));
        context.runOnContext(v -> announce());
    }

    /** @return this coordinator's job id (the address of its messages) */
    public String jobId() {
        return jobId;
    }

    /** @return the node it runs on */
    public ClusterNode node() {
        return node;
    }

    /** @throws IllegalArgumentException when the item's folder is not one segment of {@code [A-Za-z0-9._=-]} */
    @Override
    public CompletableFuture<ItemResult> submit(WorkItem item, Path destDir) {
        String problem = ResultRules.folderProblem(item.folder());
        if (problem != null) {
            throw new IllegalArgumentException("item " + item.index() + ": " + problem);
        }
        Path dest = destDir.toAbsolutePath().normalize();
        if (cleaned.add(dest)) {
            ResultIntake.cleanStaging(dest); // what a coordinator that died on this folder left
        }
        CompletableFuture<ItemResult> result = new CompletableFuture<>();
        if (closed) {
            result.complete(new ItemResult(item, ItemResult.NOT_RUN, dest.resolve(item.folder()), null, List.of()));
            return result;
        }
        context.runOnContext(v -> {
            book.submit(item, dest).whenComplete((done, error) -> result.complete(done));
            announce();
        });
        return result;
    }

    @Override
    public int slots(boolean virtual) {
        return virtual ? virtualSlots : pacedSlots;
    }

    @Override
    public List<WorkerInfo> workers() {
        return met;
    }

    @Override
    public void stop() {
        onLoop(() -> {
            if (book.stopped()) {
                return;
            }
            book.stop();
            intakes.values().forEach(intake -> files.executeBlocking(() -> {
                intake.discard();
                return null;
            }));
            intakes.clear();
            vertx.eventBus().publish(Protocol.ANNOUNCE, seal.seal(header(Protocol.T_CANCEL), null));
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        stop();
        onLoop(() -> {
            vertx.cancelTimer(leaseTimer);
            consumers.forEach(MessageConsumer::unregister);
        });
        closed = true;
        files.close();
        completions.shutdown();
        try {
            completions.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsNode) {
            node.close();
        }
    }

    /** Runs {@code task} on the event loop and waits for it (at once when called there). */
    private void onLoop(Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                task.run();
            } finally {
                done.complete(null);
            }
        });
        try {
            done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the event loop is gone (Vert.x closed): nothing is left to stop there
        }
    }

    private JsonObject header(String type) {
        return Protocol.header(type, jobId, node.memberId());
    }

    private JsonObject announcement() {
        return header(Protocol.T_ANNOUNCE).put("coordinator", name).put("version", NicsimVersion.current())
                .put("waiting", book.waiting());
    }

    /** Tells idle workers there is work, once per turn of the event loop however many reasons came. */
    private void announce() {
        if (announcing || book.stopped()) {
            return;
        }
        announcing = true;
        context.runOnContext(v -> {
            announcing = false;
            vertx.eventBus().publish(Protocol.ANNOUNCE, seal.seal(announcement(), null));
        });
    }

    private void onWhere(Message<Buffer> message) {
        try {
            seal.open(message.body());
        } catch (MessageSeal.Refused e) {
            refuse("refused a message on " + Protocol.JOBS + ": " + e.getMessage(), message);
            return;
        }
        message.reply(seal.seal(announcement(), null));
    }

    private void onJobMessage(Message<Buffer> message) {
        MessageSeal.Opened opened;
        try {
            opened = seal.open(message.body());
        } catch (MessageSeal.Refused e) {
            refuse("refused a message to job " + jobId + ": " + e.getMessage(), message);
            return;
        }
        if (!jobId.equals(opened.text(Protocol.JOB))) {
            refuse("refused a message to job " + jobId + " that names job '" + opened.text(Protocol.JOB) + "' (a"
                    + " replay?)", message);
            return;
        }
        try {
            handle(message, opened);
        } catch (IllegalArgumentException e) {
            refuse("refused a " + opened.text(Protocol.TYPE) + " message from " + opened.text(Protocol.FROM) + ": "
                    + e.getMessage(), message);
        }
    }

    private void handle(Message<Buffer> message, MessageSeal.Opened opened) {
        String from = opened.text(Protocol.FROM);
        switch (opened.text(Protocol.TYPE)) {
            case Protocol.T_HELLO -> onHello(message, opened, from);
            case Protocol.T_ASK -> onAsk(message, opened, from);
            case Protocol.T_BEAT -> reply(message, header(Protocol.T_OK).put("keep", ours(opened, from) != null
                    && book.beat(opened.text(Protocol.TOKEN))));
            case Protocol.T_RESULT -> onResult(message, opened, from);
            case Protocol.T_CHUNK -> onChunk(message, opened, from);
            case Protocol.T_END -> onEnd(message, opened, from);
            case Protocol.T_FAILED -> onFailed(message, opened, from);
            case Protocol.T_ABANDON -> onAbandon(message, opened, from);
            default -> throw new IllegalArgumentException("unknown type '" + opened.text(Protocol.TYPE) + "'");
        }
    }

    private void reply(Message<Buffer> message, JsonObject header) {
        message.reply(seal.seal(header, null));
    }

    private void refuse(String line, Message<Buffer> message) {
        if (refusals.size() < MAX_REFUSAL_LINES && refusals.add(line)) {
            listener.refused(line);
        }
        message.fail(403, "refused");
    }

    private void onHello(Message<Buffer> message, MessageSeal.Opened opened, String from) {
        WorkerInfo worker = Protocol.worker(opened.header().getJsonObject("worker", new JsonObject()));
        if (!worker.id().equals(from)) {
            throw new IllegalArgumentException("a hello for another member");
        }
        String refusal = book.hello(worker);
        if (refusal != null) {
            reply(message, header(Protocol.T_REFUSED).put(Protocol.LINE, refusal)
                    .put("version", NicsimVersion.current()).put("coordinator", name));
            return;
        }
        updateWorkers();
        reply(message, header(Protocol.T_WELCOME).put("version", NicsimVersion.current()).put("coordinator", name));
    }

    private void onAsk(Message<Buffer> message, MessageSeal.Opened opened, String from) {
        if (!book.knows(from)) {
            reply(message, header(Protocol.T_NONE).put("hello", true));
            return;
        }
        DispatchBook.Grant grant = book.ask(from, opened.header().getBoolean("paced", false),
                opened.header().getBoolean("virtual", false));
        if (grant == null) {
            reply(message, header(Protocol.T_NONE));
            return;
        }
        reply(message, header(Protocol.T_GRANT).put(Protocol.TOKEN, grant.token()).put(Protocol.ATTEMPT,
                grant.attempt()).put(Protocol.ITEM, Protocol.item(grant.item())));
    }

    /** @return the running try the message names, when its sender runs it; else null */
    private DispatchBook.Grant ours(MessageSeal.Opened opened, String from) {
        DispatchBook.Grant grant = book.current(opened.text(Protocol.TOKEN));
        return grant != null && grant.workerId().equals(from) ? grant : null;
    }

    private void onResult(Message<Buffer> message, MessageSeal.Opened opened, String from) {
        String token = opened.text(Protocol.TOKEN);
        DispatchBook.Grant grant = ours(opened, from);
        if (grant == null || opened.number(Protocol.ITEM) != grant.item().index()
                || opened.number(Protocol.ATTEMPT) != grant.attempt()) {
            String late = grant == null ? book.lateResult(token) : null;
            reply(message, header(Protocol.T_OK).put("send", false).put("why", late != null ? late
                    : "no such try of this coordinator"));
            return;
        }
        List<ResultRules.FileEntry> manifest;
        try {
            manifest = Protocol.files(opened.header().getJsonArray("files"));
        } catch (IllegalArgumentException | ClassCastException e) {
            failTry(token, new ResultIntake.ResultRefused(e.getMessage()));
            reply(message, header(Protocol.T_OK).put("send", false).put("why", e.getMessage()));
            return;
        }
        files.executeBlocking(() -> ResultIntake.open(grant.dest(), grant.item().folder(), grant.attempt(), manifest))
                .onComplete(opening -> {
                    if (opening.failed()) {
                        failTry(token, opening.cause());
                        reply(message, header(Protocol.T_OK).put("send", false).put("why", why(opening.cause())));
                    } else if (book.current(token) == null) {
                        discard(opening.result());
                        reply(message, header(Protocol.T_OK).put("send", false).put("why", "the try ended"));
                    } else {
                        intakes.put(token, opening.result());
                        book.beat(token);
                        reply(message, header(Protocol.T_OK).put("send", true));
                    }
                });
    }

    private void onChunk(Message<Buffer> message, MessageSeal.Opened opened, String from) {
        String token = opened.text(Protocol.TOKEN);
        ResultIntake intake = ours(opened, from) == null ? null : intakes.get(token);
        if (intake == null) {
            reply(message, header(Protocol.T_REFUSED).put(Protocol.LINE, "no result of this try is coming in"));
            return;
        }
        book.beat(token);
        int file = (int) opened.number("file");
        long offset = opened.number("offset");
        byte[] bytes = opened.body().getBytes();
        files.executeBlocking(() -> {
            intake.write(file, offset, bytes);
            return null;
        }).onComplete(written -> {
            if (written.failed()) {
                intakes.remove(token);
                discard(intake);
                failTry(token, written.cause());
                reply(message, header(Protocol.T_REFUSED).put(Protocol.LINE, why(written.cause())));
            } else {
                reply(message, header(Protocol.T_OK));
            }
        });
    }

    private void onEnd(Message<Buffer> message, MessageSeal.Opened opened, String from) {
        String token = opened.text(Protocol.TOKEN);
        ResultIntake intake = ours(opened, from) == null ? null : intakes.remove(token);
        if (intake == null) {
            reply(message, header(Protocol.T_OK).put("ok", false).put("why", "no result of this try is coming in"));
            return;
        }
        book.beat(token);
        files.executeBlocking(intake::finish).onComplete(finished -> {
            if (finished.failed()) {
                discard(intake);
                failTry(token, finished.cause());
                reply(message, header(Protocol.T_OK).put("ok", false).put("why", why(finished.cause())));
                return;
            }
            book.done(token, finished.result() == ResultIntake.Outcome.DUPLICATE);
            reply(message, header(Protocol.T_OK).put("ok", true));
        });
    }

    private void onFailed(Message<Buffer> message, MessageSeal.Opened opened, String from) {
        if (ours(opened, from) != null) {
            book.failed(opened.text(Protocol.TOKEN), opened.text(Protocol.LINE));
            announce();
        }
        reply(message, header(Protocol.T_OK));
    }

    private void onAbandon(Message<Buffer> message, MessageSeal.Opened opened, String from) {
        JsonArray tokens = opened.header().getJsonArray("tokens", new JsonArray());
        String worker = book.present().stream().filter(w -> w.id().equals(from)).map(WorkerInfo::name).findFirst()
                .orElse(from);
        for (Object token : tokens) {
            DispatchBook.Grant grant = book.current(String.valueOf(token));
            if (grant != null && grant.workerId().equals(from)) {
                dropIntake(grant.token());
                book.lost(grant.token(), "worker " + worker + " stopped (" + opened.text("why") + ")");
            }
        }
        announce();
        reply(message, header(Protocol.T_OK));
    }

    private void failTry(String token, Throwable cause) {
        book.failed(token, "its result was refused: " + why(cause));
        announce();
    }

    private static String why(Throwable cause) {
        return cause instanceof ResultIntake.ResultRefused ? cause.getMessage() : String.valueOf(cause);
    }

    private void memberLeft(String memberId) {
        book.runningOn(memberId).forEach(this::dropIntake);
        book.workerLeft(memberId, "left the cluster (its process ended, or the network parted)");
        updateWorkers();
        announce();
    }

    private void expire() {
        List<String> lost = book.expire(timing.leaseMillis());
        lost.forEach(this::dropIntake);
        if (!lost.isEmpty()) {
            announce();
        }
    }

    private void dropIntake(String token) {
        ResultIntake intake = intakes.remove(token);
        if (intake != null) {
            discard(intake);
        }
    }

    private void discard(ResultIntake intake) {
        files.executeBlocking(() -> {
            intake.discard();
            return null;
        });
    }

    private void updateWorkers() {
        met = book.met();
        pacedSlots = book.slots(false);
        virtualSlots = book.slots(true);
    }
}
