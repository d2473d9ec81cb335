package io.nicsim.bench.results;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's rounds: each figure's median over rounds with its range, and summary.json's shape of it. */
class RoundsTest {

    private static Rounds.Round round(int number, int position, long p50, long p99) {
        LatencySummary notification = new LatencySummary(1_000, 100, p50, p50 * 2, p99, p99 * 2, p99 * 3, p50);
        return new Rounds.Round(number, position, notification,
                new RunResult.PacketCounts(1_000, 1_000, 0, Map.of(), 1_000), 1_000, null, Map.of(), null);
    }

    @Test
    void theMedianOfAnOddCountIsTheMiddleOneAndOfAnEvenCountTheMeanOfTheMiddleTwo() {
        assertThat(Rounds.Spread.of(new long[] {30, 10, 20})).isEqualTo(new Rounds.Spread(20, 10, 30));
        assertThat(Rounds.Spread.of(new long[] {40, 10, 20, 30})).isEqualTo(new Rounds.Spread(25, 10, 40));
        assertThat(Rounds.Spread.of(new long[] {7})).isEqualTo(new Rounds.Spread(7, 7, 7));
    }

    @Test
    void eachFigureIsTheMedianOverRoundsWithItsRange() {
        Rounds rounds = Rounds.of(List.of(round(1, 0, 1_000, 90_000), round(2, 3, 1_200, 10_000),
                round(3, 2, 1_100, 30_000)));

        assertThat(rounds.count()).isEqualTo(3);
        assertThat(rounds.spread("p50")).isEqualTo(new Rounds.Spread(1_100, 1_000, 1_200));
        assertThat(rounds.spread("p90")).isEqualTo(new Rounds.Spread(2_200, 2_000, 2_400));
        assertThat(rounds.spread("p99")).isEqualTo(new Rounds.Spread(30_000, 10_000, 90_000));
        assertThat(rounds.spread("p999")).isEqualTo(new Rounds.Spread(60_000, 20_000, 180_000));
        assertThat(rounds.spread("max")).isEqualTo(new Rounds.Spread(90_000, 30_000, 270_000));
        assertThat(rounds.notificationNanos()).containsOnlyKeys("p50", "p90", "p99", "p999", "max");
        assertThat(rounds.perRound()).extracting(Rounds.Round::position).containsExactly(0, 3, 2);
    }
}
