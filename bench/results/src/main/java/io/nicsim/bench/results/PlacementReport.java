package io.nicsim.bench.results;

import java.util.List;

/**
 * The resolved placement of one run's threads, as summary.json records it.
 *
 * @param mode    {@code shared}, {@code separate} or {@code two-process}
 * @param threads each thread, what it runs and how it waits
 */
public record PlacementReport(String mode, List<ThreadPlacement> threads) {

    /** One thread of the placement. */
    public record ThreadPlacement(String thread, List<String> agents, String waitsBy) {
    }
}
