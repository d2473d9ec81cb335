package io.nicsim.bench.run;

import io.nicsim.bench.results.CutShort;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Watches the free space of the filesystems a run writes to, for a {@link StopSignal} that polls it: a filesystem
 * below its floor cuts the run short before a Chronicle append can touch a page the filesystem cannot back (on tmpfs,
 * a SIGBUS that kills the JVM). Looks at most every {@link #CHECK_EVERY_NANOS} whatever the polling rate (one
 * {@code statfs} per folder): the floors are sized for the bytes written between two looks.
 */
public final class DiskWatch {

    /** How often the watch looks at most: the runner's own look at the traffic (every 50 ms). */
    public static final long CHECK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /**
     * A folder and its floor.
     *
     * @param path       a folder on the filesystem watched (it may not exist yet: its nearest parent is asked)
     * @param floorBytes below this many usable bytes the run is cut short
     */
    public record Watched(Path path, long floorBytes) {
    }

    private final List<Watched> watched;
    private final FreeSpace freeSpace;
    private final LongSupplier nanoClock;
    private long nextCheckNanos;
    private boolean checked;

    /**
     * @param freeSpace where free space is read ({@link FreeSpace#SYSTEM}, or a fake)
     * @param nanoClock the wall clock the looks are spaced on ({@code System::nanoTime}; virtual runs too)
     */
    public DiskWatch(List<Watched> watched, FreeSpace freeSpace, LongSupplier nanoClock) {
        this.watched = List.copyOf(watched);
        this.freeSpace = freeSpace;
        this.nanoClock = nanoClock;
    }

    /** @return a watch of these folders on the real filesystems and clock */
    public static DiskWatch of(List<Watched> watched) {
        return new DiskWatch(watched, FreeSpace.SYSTEM, System::nanoTime);
    }

    /** @return the folders watched and their floors */
    public List<Watched> watched() {
        return watched;
    }

    /**
     * Looks at every folder's free space, unless the last look was less than {@link #CHECK_EVERY_NANOS} ago.
     *
     * @return why the run must stop (the first folder below its floor), or null
     */
    public synchronized CutShort check() {
        long now = nanoClock.getAsLong();
        if (checked && now - nextCheckNanos < 0) {
            return null;
        }
        checked = true;
        nextCheckNanos = now + CHECK_EVERY_NANOS;
        for (Watched w : watched) {
            long free;
            try {
                free = freeSpace.usableBytes(w.path());
            } catch (IOException e) {
                continue; // a folder that cannot be asked now (removed, unmounted) says nothing about the others
            }
            if (free < w.floorBytes()) {
                return new CutShort(CutShort.DISK_FULL, w.path().toString(), free, w.floorBytes());
            }
        }
        return null;
    }
}
