package io.nicsim.bench.tune;

import java.util.Map;

/**
 * One round of the interleaved A/B: the start and the best found, run back to back, in alternating order (start
 * first in odd rounds, best first in even ones), so a drift of the machine during the tune falls on both alike.
 *
 * @param round      its number, from 1
 * @param startFirst whether the start ran first
 * @param start      the start's figures
 * @param best       the best found's figures
 */
public record AbRound(int round, boolean startFirst, Map<String, Double> start, Map<String, Double> best) {
}
