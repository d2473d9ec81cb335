package io.nicsim.bench.results;

import java.util.List;

/**
 * The resolved placement of one run's threads, as summary.json records it.
 *
 * @param mode    {@code shared}, {@code separate}, {@code two-process} or {@code virtual}
 * @param threads each thread, what it runs, how it waits and the CPU it was pinned to
 * @param pinning what {@code host.pinning} asked for and what came of it (null in summaries written before it)
 */
public record PlacementReport(String mode, List<ThreadPlacement> threads, Pinning pinning) {

    /**
     * One thread of the placement.
     *
     * @param cpu the CPU the thread was pinned to, or null if the OS scheduler placed it
     * @param why why it was not pinned, or null if it was
     */
    public record ThreadPlacement(String thread, List<String> agents, String waitsBy, Integer cpu, String why) {

        /** @return a thread the OS scheduler places, for the reason given */
        public static ThreadPlacement unpinned(String thread, List<String> agents, String waitsBy, String why) {
            return new ThreadPlacement(thread, agents, waitsBy, null, why);
        }
    }

    /**
     * What {@code host.pinning} resolved to for one run.
     *
     * @param requested the setting: {@code auto}, {@code on} or {@code off}
     * @param pinned    whether the threads the run pins each took their CPU (then every spinning thread has one)
     * @param why       why they were not pinned, e.g. {@code "2 cores: pinning needs 4 or more"}, or null if they were
     */
    public record Pinning(String requested, boolean pinned, String why) {

        /** @return a run whose threads the OS scheduler places, for the reason given */
        public static Pinning unpinned(String requested, String why) {
            return new Pinning(requested, false, why);
        }
    }
}
