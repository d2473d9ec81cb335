package io.nicsim.bench.run;

import io.nicsim.bench.results.RunFiles;

import io.nicsim.bench.results.RunFolder;

import io.nicsim.bench.results.ScenarioYaml;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.DeviceStatusQueue;
import io.nicsim.nic.queue.DeviceStatusReader;
import io.nicsim.nic.queue.JournalFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The folder D that a NIC process ({@code nicsim nic}) and a host process ({@code nicsim host}) share, and the
 * checks each makes before using it. Layout:
 * <pre>
 * D/.nicsim-run                   marks a nicsim folder (as every run folder)
 * D/scenario.yaml                 the scenario of the first process to start; the other checks its own against it
 * D/queues/0-two-process/         descriptors, interrupts, doorbells (as one-process runs) and device-status
 * D/nic.lock, D/host.lock         held (an OS file lock, released when the process dies) by the running NIC, host
 * D/summary.json, report.html,    written by the host at the end (into --out, which defaults to D)
 * D/0-CONSUMER/notification.*
 * </pre>
 * Both sides must agree on what makes the packets and their notification: the scenario's name, every
 * {@code traffic.*}, {@code nic.*} and {@code firmware.*} key, {@code run.duration} and {@code run.warmup}. The other
 * keys are each
 * side's own ({@code host.*}, timeouts). The queues are written where they will stay (no staging on
 * {@code /dev/shm}, as they are the two processes' rendezvous): put D on tmpfs ({@code /dev/shm/...}) for figures free
 * of file-system stalls.
 */
public final class TwoProcessDir {

    /** The queues' folder name under {@code queues/}, as a one-process run's {@code <index>-<label>}. */
    public static final String RUN_NAME = "0-two-process";
    public static final String NIC_LOCK = "nic.lock";
    public static final String HOST_LOCK = "host.lock";

    /** Keys (or, ending with '.', sections) both processes must agree on. */
    /** How long a queue file another process is creating may look unfinished. */
    private static final long CREATING_FILE_MILLIS = 200;
    static final List<String> SHARED_KEYS = List.of("traffic.", "nic.", "firmware.", "run.duration", "run.warmup");

    private TwoProcessDir() {
    }

    /** @return where the queues of D are */
    public static Path queueDir(Path dir) {
        return dir.resolve(RunFiles.QUEUES).resolve(RUN_NAME);
    }

    /** Checks that D may be used, and that the queues it holds (if any) are whole, without writing anything. */
    static void checkFolder(String flag, Path dir) throws TwoProcessRefusal {
        String problem = RunFolder.problem(dir);
        if (problem != null) {
            throw new TwoProcessRefusal(flag + " " + dir + ": " + problem);
        }
        String corrupt = journalProblem(queueDir(dir));
        if (corrupt != null) {
            throw new TwoProcessRefusal(flag + " " + dir + ": " + corrupt + "; use a new " + flag);
        }
    }

    /**
     * @return what is wrong with the queues of D ({@link JournalFiles}), or null. The other process may be creating
     *         a queue file this moment (Chronicle sizes it and writes its header just after creating it), so a
     *         problem is looked at again once, a moment later, before it is believed.
     */
    private static String journalProblem(Path queues) {
        if (!Files.isDirectory(queues)) {
            return null;
        }
        String problem = JournalFiles.problem(queues);
        if (problem == null) {
            return null;
        }
        try {
            Thread.sleep(CREATING_FILE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return problem;
        }
        return JournalFiles.problem(queues);
    }

    /**
     * Checks {@code scenario} against the one D holds, if any.
     *
     * @throws TwoProcessRefusal naming the first key that differs
     */
    static void checkScenario(Path dir, Scenario scenario) throws TwoProcessRefusal {
        Path file = dir.resolve(RunFiles.SCENARIO_FILE);
        if (!Files.exists(file)) {
            return;
        }
        Scenario there;
        try {
            there = ScenarioLoader.load(file, List.of());
        } catch (ScenarioException e) {
            throw new TwoProcessRefusal("--dir " + dir + ": cannot read the scenario the other process left: "
                    + e.getMessage());
        }
        String difference = difference(there, scenario);
        if (difference != null) {
            throw new TwoProcessRefusal("--dir " + dir + " belongs to another scenario: " + difference
                    + "; both processes must run the same scenario (use a new --dir for this one)");
        }
    }

    /** @return the first shared key whose value differs, as "key: A in D, B here", or null if none does */
    static String difference(Scenario there, Scenario here) {
        if (!there.name().equals(here.name())) {
            return "its scenario is '" + there.name() + "', this one is '" + here.name() + "'";
        }
        Map<String, Object> a = there.effective();
        Map<String, Object> b = here.effective();
        for (Map.Entry<String, Object> section : a.entrySet()) {
            if (!(section.getValue() instanceof Map<?, ?> keys)) {
                continue;
            }
            for (Map.Entry<?, ?> key : keys.entrySet()) {
                String path = section.getKey() + "." + key.getKey();
                if (!shared(path)) {
                    continue;
                }
                Object other = b.get(section.getKey()) instanceof Map<?, ?> map ? map.get(key.getKey()) : null;
                if (!Objects.equals(String.valueOf(key.getValue()), String.valueOf(other))) {
                    return path + " is " + key.getValue() + " there, " + other + " here";
                }
            }
        }
        return null;
    }

    private static boolean shared(String path) {
        for (String key : SHARED_KEYS) {
            if (key.endsWith(".") ? path.startsWith(key) : path.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether a NIC process already started a run in D (its device-status queue holds a record) */
    static boolean nicStarted(Path dir) {
        Path queueDir = queueDir(dir);
        if (!DeviceStatusQueue.exists(queueDir)) {
            return false;
        }
        try (DeviceStatusQueue queue = DeviceStatusQueue.open(queueDir);
                DeviceStatusReader reader = queue.newReader()) {
            return reader.poll() != null;
        }
    }

    /** @return the ATTACH and DONE doorbells in D's doorbell queue so far (none if D has none) */
    static ControlCounts controlDoorbells(Path dir) {
        Path queueDir = queueDir(dir);
        if (!Files.isDirectory(queueDir.resolve(DeviceQueues.DOORBELLS))) {
            return new ControlCounts(0, 0);
        }
        try (DeviceQueues queues = DeviceQueues.open(queueDir);
             ControlDoorbells doorbells = new ControlDoorbells(queues.newDoorbellReader())) {
            doorbells.poll();
            return new ControlCounts(doorbells.attaches(), doorbells.done());
        }
    }

    /** A process's hold on D, released on {@link #close()} (or by the OS when the process ends). */
    public interface Lock extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** Control doorbells counted in a doorbell queue. */
    record ControlCounts(long attaches, long done) {
    }

    /**
     * Creates D (marked as nicsim's) and writes the scenario into it if no process did yet; written through a
     * temporary file and a link, so two processes starting at once never see half a file and one of them wins.
     */
    static void publish(Path dir, Scenario scenario) throws IOException {
        RunFolder.create(dir);
        Path file = dir.resolve(RunFiles.SCENARIO_FILE);
        if (Files.exists(file)) {
            return;
        }
        Path temporary = dir.resolve(RunFiles.SCENARIO_FILE + "." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(temporary, ScenarioYaml.render(scenario.effective()));
        try {
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException e) {
            // the other process published first; the caller checks against it
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Takes the lock of {@code role} in D: an OS file lock, which the OS releases when the process ends in any way
     * (even killed), so a restarted process can take it again.
     *
     * @throws TwoProcessRefusal if another live process holds it
     */
    static Lock lock(Path dir, String lockFile, String role) throws TwoProcessRefusal, IOException {
        Path file = dir.resolve(lockFile);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM
        }
        if (lock == null) {
            channel.close();
            throw new TwoProcessRefusal("--dir " + dir + ": another " + role + " process is running on it (it holds "
                    + file + "); one " + role + " at a time");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        FileLock held = lock;
        return () -> {
            held.release();
            channel.close();
        };
    }

    /**
     * Two-process mode runs a one-queue NIC: a resumed host accounts for what a dead one read by counting one
     * descriptor queue's consumption, and the control messages name one queue.
     *
     * @throws TwoProcessRefusal for {@code nic.queues} above 1
     */
    static void checkOneQueue(Scenario scenario) throws TwoProcessRefusal {
        if (scenario.run().virtual()) {
            throw new TwoProcessRefusal("run.clock: two-process mode is hardware in the loop (paced); virtual time runs"
                    + " device and host model in one process: use nicsim run --set run.clock=virtual");
        }
        if (scenario.nic().queues() != 1) {
            throw new TwoProcessRefusal("nic.queues: two-process mode runs a NIC with one RX queue, the scenario has "
                    + scenario.nic().queues() + "; use nicsim run for multi-queue studies");
        }
    }
}
