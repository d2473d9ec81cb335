package io.nicsim.bench.run;

import io.nicsim.bench.results.CutShort;
import io.nicsim.bench.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * A study's disk budget before it starts: the bytes its runs need on the staging filesystem ({@code /dev/shm}, one
 * run's live journal at a time) and on the output filesystem (every run's kept journal, packets.csv and small
 * files), each compared with the free space there, and the {@link DiskWatch} that guards them during the runs.
 *
 * @param needs what each filesystem must hold (the staging one first, if any)
 * @param watch the folders to watch during the runs and their floors
 */
public record DiskPlan(List<Need> needs, DiskWatch watch) {

    /**
     * @param role       {@code staging} or {@code output}
     * @param path       the folder
     * @param bytes      the estimate of what the study writes there (at its peak)
     * @param freeBytes  what the filesystem has free now (-1: unknown)
     * @param floorBytes the floor the watch keeps there
     */
    public record Need(String role, Path path, long bytes, long freeBytes, long floorBytes) {

        /** @return whether the estimate exceeds the free space */
        public boolean cannotFit() {
            return freeBytes >= 0 && bytes > freeBytes;
        }

        /** @return whether it fits but would leave less than the floor, so the watch may cut the study short */
        public boolean littleMargin() {
            return freeBytes >= 0 && !cannotFit() && freeBytes - bytes < floorBytes;
        }

        /** @return "about 1.2 GB on /dev/shm (staging), 0.8 GB free" */
        public String describe() {
            return "about " + CutShort.bytes(bytes) + " on " + path + " (" + role + "), "
                    + (freeBytes < 0 ? "free space unknown" : CutShort.bytes(freeBytes) + " free");
        }
    }

    /**
     * @param runs          one scenario per run the study plays (each consumer, each round, each point)
     * @param outputDir     the run (or sweep, or two-process) folder
     * @param stagingRoot   where live journals are staged ({@code /dev/shm}), or null if they are written in place
     * @param exportPackets whether packets.csv and host stamps are written
     * @param commandKeeps  whether the command keeps a run's journal in the output folder under
     *                      {@code run.keepJournal: auto} (each run's key decides: {@code RunConfig.keepsJournal})
     */
    public static DiskPlan of(List<Scenario> runs, Path outputDir, Path stagingRoot, boolean exportPackets,
                              boolean commandKeeps) {
        return of(runs, outputDir, stagingRoot, exportPackets, commandKeeps, FreeSpace.SYSTEM, DiskPlan::sameStore);
    }

    /** As {@link #of(List, Path, Path, boolean, boolean)}, with the free space and filesystem identity given. */
    static DiskPlan of(List<Scenario> runs, Path outputDir, Path stagingRoot, boolean exportPackets,
                       boolean commandKeeps, FreeSpace freeSpace, BiPredicate<Path, Path> sameFileSystem) {
        boolean staged = stagingRoot != null;
        long stagingBytes = 0;
        long stagingFloor = DiskBudget.RESERVE_BYTES;
        long outputBytes = DiskBudget.RESERVE_BYTES;
        long outputFloor = DiskBudget.RESERVE_BYTES;
        long outputLiveMax = 0;
        for (Scenario run : runs) {
            boolean keepJournal = run.run().keepsJournal(commandKeeps);
            long floor = DiskBudget.floorBytes(run, exportPackets, true);
            long live = DiskBudget.liveJournalBytes(run, exportPackets);
            outputBytes += DiskBudget.filesBytes(run, exportPackets);
            if (staged) {
                stagingBytes = Math.max(stagingBytes, live);
                stagingFloor = Math.max(stagingFloor, floor);
                outputBytes += keepJournal ? DiskBudget.keptJournalBytes(run, exportPackets) : 0;
            } else {
                outputFloor = Math.max(outputFloor, floor);
                // written in place: kept, or deleted once its run ended
                outputBytes += keepJournal ? live : 0;
                outputLiveMax = Math.max(outputLiveMax, keepJournal ? 0 : live);
            }
        }
        outputBytes += outputLiveMax;
        List<Need> needs = new ArrayList<>();
        List<DiskWatch.Watched> watched = new ArrayList<>();
        if (staged && sameFileSystem.test(stagingRoot, outputDir)) {
            // one filesystem holds both: the live journal and the files of the runs before
            needs.add(need("staging and output", outputDir, stagingBytes + outputBytes, stagingFloor, freeSpace));
            watched.add(new DiskWatch.Watched(outputDir, stagingFloor));
        } else {
            if (staged) {
                needs.add(need("staging", stagingRoot, stagingBytes, stagingFloor, freeSpace));
                watched.add(new DiskWatch.Watched(stagingRoot, stagingFloor));
            }
            needs.add(need("output", outputDir, outputBytes, outputFloor, freeSpace));
            watched.add(new DiskWatch.Watched(outputDir, outputFloor));
        }
        return new DiskPlan(List.copyOf(needs), new DiskWatch(watched, freeSpace, System::nanoTime));
    }

    /**
     * The host side of a two-process run: it appends doorbells to {@code dir}'s queues (where the NIC writes the
     * journal, counted here when {@code out} shares that filesystem) and writes its results into {@code out}. Its
     * floor is the reserve alone, below the NIC's (which adds what the traffic writes between two looks): on a
     * filling disk the NIC stops its traffic first and the host drains and accounts the rest as disk-full.
     */
    public static DiskPlan host(Scenario scenario, Path dir, Path out) {
        return host(scenario, dir, out, FreeSpace.SYSTEM, DiskPlan::sameStore);
    }

    /** As {@link #host(Scenario, Path, Path)}, with the free space and filesystem identity given. */
    static DiskPlan host(Scenario scenario, Path dir, Path out, FreeSpace freeSpace,
                         BiPredicate<Path, Path> sameFileSystem) {
        long floor = DiskBudget.RESERVE_BYTES;
        long results = DiskBudget.RESERVE_BYTES + DiskBudget.filesBytes(scenario, false);
        long journal = DiskBudget.liveJournalBytes(scenario, false);
        List<Need> needs = new ArrayList<>();
        List<DiskWatch.Watched> watched = new ArrayList<>();
        if (sameFileSystem.test(dir, out)) {
            needs.add(need("queues and output", out, journal + results, floor, freeSpace));
            watched.add(new DiskWatch.Watched(out, floor));
        } else {
            needs.add(need("queues", dir, journal, floor, freeSpace));
            needs.add(need("output", out, results, floor, freeSpace));
            watched.add(new DiskWatch.Watched(dir, floor));
            watched.add(new DiskWatch.Watched(out, floor));
        }
        return new DiskPlan(List.copyOf(needs), new DiskWatch(watched, freeSpace, System::nanoTime));
    }

    /** @return the first filesystem the study cannot fit on, or null */
    public Need cannotFit() {
        return needs.stream().filter(Need::cannotFit).findFirst().orElse(null);
    }

    /** @return the filesystems the study fits on with less room to spare than the floor */
    public List<Need> littleMargin() {
        return needs.stream().filter(Need::littleMargin).toList();
    }

    private static Need need(String role, Path path, long bytes, long floor, FreeSpace freeSpace) {
        long free;
        try {
            free = freeSpace.usableBytes(path);
        } catch (IOException e) {
            free = -1;
        }
        return new Need(role, path, bytes, free, floor);
    }

    private static boolean sameStore(Path a, Path b) {
        try {
            return Objects.equals(Files.getFileStore(FreeSpace.existing(a)), Files.getFileStore(FreeSpace.existing(b)));
        } catch (IOException e) {
            return false;
        }
    }
}
