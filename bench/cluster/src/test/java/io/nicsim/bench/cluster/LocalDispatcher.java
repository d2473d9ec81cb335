package io.nicsim.bench.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.run.RunOptions;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.StudyRunner;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Dispatcher} in this JVM, for tests of what sits on top: N "workers" (threads {@code local-1..N}) each run an
 * item as a worker's {@code nicsim run} does (its scenario text loaded from a file, {@link StudyRunner}, the item's
 * command recorded), in a staging folder moved into place only when complete, and tell the listener what the
 * coordinator would. Faults on request: an item's first try lost (its worker "leaves"), an item failing every try, a
 * stop requested once some items settled, another machine's environment in an item's summary.json.
 */
public final class LocalDispatcher implements Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path scratch;
    private final DispatchListener listener;
    private final ExecutorService pool;
    private final List<WorkerInfo> workers = new ArrayList<>();
    private final List<WorkItem> submitted = new CopyOnWriteArrayList<>();
    private final Set<Integer> loseFirstTry = ConcurrentHashMap.newKeySet();
    private final Set<Integer> failAlways = ConcurrentHashMap.newKeySet();
    private final Map<Integer, String> cpuOf = new ConcurrentHashMap<>();
    private final AtomicInteger settled = new AtomicInteger();
    private final AtomicInteger stopRequests = new AtomicInteger();
    private final StopSignal running = new StopSignal();
    private volatile boolean stopped;
    private int stopAfter = -1;
    private StopSignal studyStop;

    /**
     * @param scratch where items are staged while they run
     * @param slots   how many items run at once, each on a worker of its own
     */
    public LocalDispatcher(Path scratch, int slots, DispatchListener listener) {
        this.scratch = scratch;
        this.listener = listener;
        AtomicInteger next = new AtomicInteger(1);
        this.pool = Executors.newFixedThreadPool(slots, r -> Thread.ofPlatform().daemon(true)
                .name("local-" + next.getAndIncrement()).unstarted(r));
        for (int i = 1; i <= slots; i++) {
            WorkerInfo worker = new WorkerInfo("id-" + i, "local-" + i, NicsimVersion.current(), 1, 1, "test cpu");
            workers.add(worker);
            listener.workerJoined(worker);
        }
    }

    public LocalDispatcher loseFirstTryOf(Integer... indexes) {
        loseFirstTry.addAll(List.of(indexes));
        return this;
    }

    public LocalDispatcher failAlways(Integer... indexes) {
        failAlways.addAll(List.of(indexes));
        return this;
    }

    /** The study's own stop is requested once {@code items} items settled (as a user's Ctrl-C would be). */
    public LocalDispatcher stopStudyAfter(int items, StopSignal stop) {
        stopAfter = items;
        studyStop = stop;
        return this;
    }

    /** Item {@code index}'s summary.json names another CPU, as a run on another machine's would. */
    public LocalDispatcher onOtherMachine(int index, String cpu) {
        cpuOf.put(index, cpu);
        return this;
    }

    /** @return the items submitted, in the order they were */
    public List<WorkItem> submitted() {
        return List.copyOf(submitted);
    }

    @Override
    public CompletableFuture<ItemResult> submit(WorkItem item, Path destDir) {
        submitted.add(item);
        CompletableFuture<ItemResult> future = new CompletableFuture<>();
        pool.execute(() -> future.complete(settle(run(item, destDir, new ArrayList<>()))));
        return future;
    }

    private ItemResult settle(ItemResult result) {
        listener.finished(result);
        if (settled.incrementAndGet() == stopAfter) {
            halt(); // at once, so what runs next is stopped whenever the study's own poll sees the request
            studyStop.request();
        }
        return result;
    }

    private ItemResult run(WorkItem item, Path destDir, List<Attempt> attempts) {
        while (true) {
            Path folder = destDir.resolve(item.folder());
            if (stopped) {
                return new ItemResult(item, ItemResult.NOT_RUN, folder, null, attempts);
            }
            String worker = Thread.currentThread().getName();
            long startMillis = System.currentTimeMillis();
            Attempt started = new Attempt(attempts.size() + 1, worker, null, null, startMillis, 0);
            listener.started(item, started);
            if (attempts.isEmpty() && loseFirstTry.contains(item.index())) {
                Attempt lost = new Attempt(started.number(), worker, Attempt.LOST, "worker left", startMillis, 0.1);
                attempts.add(lost);
                listener.requeued(item, lost);
                continue;
            }
            String problem = failAlways.contains(item.index()) ? "nicsim run exited with 1: test failure"
                    : runHere(item, folder);
            double seconds = (System.currentTimeMillis() - startMillis) / 1e3;
            if (stopped) {
                attempts.add(new Attempt(started.number(), worker, Attempt.CANCELLED, "stopped", startMillis,
                        seconds));
                return new ItemResult(item, ItemResult.NOT_RUN, folder, null, attempts);
            }
            if (problem != null) {
                attempts.add(new Attempt(started.number(), worker, Attempt.FAILED, problem, startMillis, seconds));
                if (attempts.size() < 2) {
                    listener.requeued(item, attempts.getLast());
                    continue;
                }
                return new ItemResult(item, ItemResult.FAILED, folder, null, attempts);
            }
            attempts.add(new Attempt(started.number(), worker, Attempt.DONE, null, startMillis, seconds));
            return new ItemResult(item, ItemResult.DONE, folder, worker, attempts);
        }
    }

    /** @return null when the item ran and its folder is in place, else why not */
    private String runHere(WorkItem item, Path folder) {
        Path staging = scratch.resolve(item.folder() + "-" + System.nanoTime());
        try {
            Files.createDirectories(scratch);
            Path scenarioFile = staging.resolveSibling(staging.getFileName() + ".yaml");
            Files.writeString(scenarioFile, item.scenario());
            Scenario scenario = ScenarioLoader.load(scenarioFile, List.of());
            RunOptions options = new RunOptions(item.runArgs().contains(ClusterItems.EXPORT_PACKETS), running,
                    io.nicsim.bench.run.Progress.none(), false);
            new StudyRunner(SystemNanoClock.INSTANCE, options, 1).run(scenario, staging, item.command());
            if (cpuOf.containsKey(item.index())) {
                Path summary = staging.resolve(SummaryWriter.FILE_NAME);
                ObjectNode tree = (ObjectNode) JSON.readTree(summary.toFile());
                ((ObjectNode) tree.get("environment")).put("cpu", cpuOf.get(item.index()));
                JSON.writeValue(summary.toFile(), tree);
            }
            if (!stopped) {
                Files.createDirectories(folder.getParent());
                RunFolder.deleteTree(folder);
                Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
            }
            return null;
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Override
    public int slots(boolean virtual) {
        return workers.size();
    }

    @Override
    public void stop() {
        stopRequests.incrementAndGet();
        halt();
    }

    /** @return how many times the study stopped this dispatcher */
    public int stopRequests() {
        return stopRequests.get();
    }

    private void halt() {
        stopped = true;
        running.request();
    }

    @Override
    public List<WorkerInfo> workers() {
        return List.copyOf(workers);
    }

    @Override
    public void close() {
        halt();
        pool.close();
    }
}
