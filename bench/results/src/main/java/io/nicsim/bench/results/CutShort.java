package io.nicsim.bench.results;

/**
 * Why a study was cut short by nicsim itself, not by the user: summary.json's top-level and per-run
 * {@code cutShort}. Today one reason: a filesystem the run writes to fell below its free-space floor, so the traffic
 * stopped before a Chronicle append could touch a page the filesystem cannot back (SIGBUS).
 *
 * @param reason     {@value #DISK_FULL}
 * @param path       the folder whose filesystem ran low (the staging folder or the output folder)
 * @param freeBytes  the usable bytes that filesystem had when the watch saw it
 * @param floorBytes the floor it fell below
 */
public record CutShort(String reason, String path, long freeBytes, long floorBytes) {

    /** The reason of a run stopped because a filesystem it writes to was nearly full. */
    public static final String DISK_FULL = "disk-full";

    /** @return "disk-full: /dev/shm had 12.0 MB free, below the floor of 40.0 MB" */
    public String describe() {
        return reason + ": " + path + " had " + bytes(freeBytes) + " free, below the floor of " + bytes(floorBytes);
    }

    /** @return a byte count in MB (decimal) with one decimal, or GB above 10 GB */
    public static String bytes(long bytes) {
        return bytes >= 10_000_000_000L ? String.format(java.util.Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
