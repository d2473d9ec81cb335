package io.nicsim.nic.wire;

import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.TrafficSource;
import io.nicsim.nic.traffic.TrafficSources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire draws arrivals ahead in idle turns; that must not change what it injects: a long Poisson schedule
 * played through idle turns, busy turns and bursts larger than the lookahead comes out exactly as the source
 * schedules it, with every packet accounted for.
 */
class WireLookaheadTest {

    private static final long START = 1_000_000;
    private static final TrafficConfig POISSON = new TrafficConfig("poisson", 1_000_000, 7, 3, 64);
    private static final long SCHEDULE_NANOS = 1_000_000;

    @Test
    void injectsExactlyTheSourceScheduleWhateverTheTurns() {
        TrafficSource reference = TrafficSources.create(POISSON, SCHEDULE_NANOS);
        MacFifo mac = new MacFifo(1 << 12);
        Wire wire = new Wire(TrafficSources.create(POISSON, SCHEDULE_NANOS), mac);
        wire.start(START);

        long expectedId = 0;
        long now = START;
        int turn = 0;
        while (!wire.isExhausted()) {
            // idle turns every 100 ns, and now and then a gap of 200 us (a burst far larger than the lookahead)
            now += turn++ % 500 == 499 ? 200_000 : 100;
            wire.inject(now);
            while (!mac.isEmpty()) {
                assertThat(reference.next()).isTrue();
                assertThat(mac.headPacketId()).isEqualTo(expectedId++);
                assertThat(mac.headIntendedNanos()).isEqualTo(START + reference.offsetNanos());
                assertThat(mac.headInjectedNanos()).as("arrived at its due time, however late the turn")
                        .isEqualTo(mac.headIntendedNanos()).isLessThanOrEqualTo(now);
                assertThat(mac.headFlow()).isEqualTo(reference.flow());
                assertThat(mac.headFrameBytes()).isEqualTo(reference.frameBytes());
                mac.pop();
            }
        }
        assertThat(reference.next()).as("every scheduled packet injected").isFalse();
        assertThat(wire.injectedPackets()).isEqualTo(expectedId).isGreaterThan(Wire.LOOKAHEAD * 10L);
        assertThat(wire.countDueNotInjected(Long.MAX_VALUE)).isZero();
    }

    @Test
    void countsDueButNotInjectedPacketsAcrossTheLookahead() {
        TrafficSource reference = TrafficSources.create(POISSON, SCHEDULE_NANOS);
        long stop = START + SCHEDULE_NANOS / 2;
        long due = 0;
        while (reference.next() && START + reference.offsetNanos() <= stop) {
            due++;
        }
        Wire wire = new Wire(TrafficSources.create(POISSON, SCHEDULE_NANOS), new MacFifo(1));
        wire.start(START);
        assertThat(wire.inject(stop)).as("the 1-slot MAC takes one").isEqualTo(1);

        assertThat(wire.countDueNotInjected(stop)).isEqualTo(due - 1).isGreaterThan(Wire.LOOKAHEAD);
    }
}
