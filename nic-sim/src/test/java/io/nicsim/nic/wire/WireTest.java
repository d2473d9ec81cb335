package io.nicsim.nic.wire;

import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.TrafficSource;
import io.nicsim.nic.traffic.TrafficSources;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins {@link Wire}: injects exactly the packets due by now (intended = start + offset, injected = now), in
 * order, stops while the MAC is full and resumes, and accounts for the rest with isExhausted and countDueNotInjected.
 */
class WireTest {

    /** A schedule given as offsets; flow i % 4 and frame 100 + i. */
    private static final class ListSource implements TrafficSource {
        private final long[] offsets;
        private int index = -1;

        ListSource(long... offsets) {
            this.offsets = offsets;
        }

        @Override
        public String kind() {
            return "list";
        }

        @Override
        public boolean next() {
            if (index + 1 >= offsets.length) {
                index = offsets.length;
                return false;
            }
            index++;
            return true;
        }

        @Override
        public long offsetNanos() {
            return offsets[index];
        }

        @Override
        public int flow() {
            return index % 4;
        }

        @Override
        public int frameBytes() {
            return 100 + index;
        }
    }

    private record Injected(long packetId, long intendedNanos, long injectedNanos, int flow, int frameBytes) {
    }

    private static List<Injected> drain(MacFifo mac) {
        List<Injected> packets = new ArrayList<>();
        while (!mac.isEmpty()) {
            packets.add(new Injected(mac.headPacketId(), mac.headIntendedNanos(), mac.headInjectedNanos(),
                    mac.headFlow(), mac.headFrameBytes()));
            mac.pop();
        }
        return packets;
    }

    @Test
    void injectsOnlyPacketsWhoseIntendedTimeHasCome() {
        MacFifo mac = new MacFifo(16);
        Wire wire = new Wire(new ListSource(0, 100, 100, 250), mac);
        wire.start(1_000);

        assertThat(wire.inject(999)).isZero();
        assertThat(wire.inject(1_000)).isEqualTo(1);
        assertThat(drain(mac)).containsExactly(new Injected(0, 1_000, 1_000, 0, 100));

        assertThat(wire.inject(1_099)).isZero();
        assertThat(wire.inject(1_100)).as("two packets due at the same instant").isEqualTo(2);
        assertThat(wire.inject(1_100)).isZero();
        assertThat(drain(mac)).containsExactly(new Injected(1, 1_100, 1_100, 1, 101),
                new Injected(2, 1_100, 1_100, 2, 102));

        assertThat(wire.isExhausted()).isFalse();
        assertThat(wire.inject(1_400)).as("a late turn: the packet arrived at its due time all the same").isEqualTo(1);
        assertThat(drain(mac)).containsExactly(new Injected(3, 1_250, 1_250, 3, 103));
        assertThat(wire.injectedPackets()).isEqualTo(4);
        assertThat(wire.isExhausted()).isTrue();
        assertThat(wire.inject(1_000_000)).isZero();
    }

    @Test
    void aLateTurnInjectsEverythingDueEachAtItsOwnArrivalTime() {
        MacFifo mac = new MacFifo(16);
        Wire wire = new Wire(new ListSource(0, 10, 20, 30, 40), mac);
        wire.start(-500);

        assertThat(wire.inject(-465)).isEqualTo(4);

        assertThat(drain(mac)).containsExactly(
                new Injected(0, -500, -500, 0, 100), new Injected(1, -490, -490, 1, 101),
                new Injected(2, -480, -480, 2, 102), new Injected(3, -470, -470, 3, 103));
        assertThat(wire.injectedPackets()).isEqualTo(4);
    }

    @Test
    void stopsWhileTheMacIsFullAndResumes() {
        MacFifo mac = new MacFifo(2);
        Wire wire = new Wire(new ListSource(0, 0, 0, 0, 0), mac);
        wire.start(0);

        assertThat(wire.inject(5)).isEqualTo(2);
        assertThat(mac.isFull()).isTrue();
        assertThat(wire.inject(10)).as("nothing fits").isZero();
        assertThat(wire.injectedPackets()).isEqualTo(2);

        mac.pop();
        assertThat(wire.inject(20)).isEqualTo(1);
        mac.pop();
        assertThat(drain(mac)).containsExactly(new Injected(2, 0, 20, 2, 102));

        assertThat(wire.inject(30)).isEqualTo(2);
        assertThat(drain(mac)).extracting(Injected::packetId, Injected::injectedNanos)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 30L),
                        org.assertj.core.groups.Tuple.tuple(4L, 30L));
        assertThat(wire.isExhausted()).isTrue();
    }

    @Test
    void exhaustedOnlyOnceTheLastPacketIsInjected() {
        MacFifo mac = new MacFifo(1);
        Wire wire = new Wire(new ListSource(0, 1), mac);
        assertThat(wire.isExhausted()).as("before start").isFalse();
        wire.start(0);

        wire.inject(100);
        assertThat(wire.isExhausted()).as("packet 1 blocked by the full MAC").isFalse();
        mac.pop();
        wire.inject(100);
        assertThat(wire.isExhausted()).isTrue();
    }

    @Test
    void anEmptyScheduleIsExhaustedAtStart() {
        Wire wire = new Wire(new ListSource(), new MacFifo(4));
        wire.start(0);

        assertThat(wire.isExhausted()).isTrue();
        assertThat(wire.inject(Long.MAX_VALUE)).isZero();
        assertThat(wire.countDueNotInjected(Long.MAX_VALUE)).isZero();
    }

    @Test
    void countsPacketsDueButNeverInjected() {
        MacFifo mac = new MacFifo(1);
        Wire wire = new Wire(new ListSource(0, 10, 20, 30, 40), mac);
        wire.start(1_000);

        assertThat(wire.inject(1_100)).as("the 1-slot MAC takes one").isEqualTo(1);
        assertThat(wire.countDueNotInjected(1_025)).as("offsets 10 and 20 were due by 1025, blocked by the MAC")
                .isEqualTo(2);
        assertThat(wire.isExhausted()).isFalse();
        assertThat(wire.countDueNotInjected(1_030)).as("the boundary is inclusive; 10 and 20 already counted")
                .isEqualTo(1);
        assertThat(wire.countDueNotInjected(1_039)).isZero();
        assertThat(wire.countDueNotInjected(5_000)).isEqualTo(1);
        assertThat(wire.injectedPackets()).as("counting injects nothing").isEqualTo(1);
        assertThat(mac.size()).isEqualTo(1);
    }

    @Test
    void carriesARealConstantRateScheduleOnePacketPerPeriod() {
        MacFifo mac = new MacFifo(8);
        TrafficSource source = TrafficSources.create(new TrafficConfig("constant", 1e6, 1, 1, 64), 10_000);
        Wire wire = new Wire(source, mac);
        long start = 5_000_000;
        wire.start(start);

        for (long t = start; t < start + 20_000; t += 500) {
            int injected = wire.inject(t);
            boolean onAnArrival = (t - start) % 1_000 == 0 && t - start < 10_000;
            assertThat(injected).as("at %d", t).isEqualTo(onAnArrival ? 1 : 0);
            if (onAnArrival) {
                assertThat(mac.headIntendedNanos()).isEqualTo(t);
                assertThat(mac.headInjectedNanos()).isEqualTo(t);
                assertThat(mac.headPacketId()).isEqualTo((t - start) / 1_000);
                mac.pop();
            }
        }
        assertThat(wire.injectedPackets()).isEqualTo(10);
        assertThat(wire.isExhausted()).isTrue();
    }
}
