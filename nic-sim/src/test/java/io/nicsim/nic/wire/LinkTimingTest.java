package io.nicsim.nic.wire;

import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.TrafficSource;
import io.nicsim.nic.traffic.TrafficSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * Pins wire timing against docs/semantics.md#wire (64 B at 10G = 67.2 ns, 1518 B at 10G = 1.23 us) and the wire's
 * line-rate rule: a frame arrives at max(intended, previous end) + serialization, keeps its intended time, and
 * frames never arrive faster than line rate.
 */
class LinkTimingTest {

    @ParameterizedTest(name = "{1} bytes at {0} Gbit/s: {2} ps")
    @CsvSource({"1, 64, 672000", "10, 64, 67200", "25, 64, 26880", "100, 64, 6720", "10, 1518, 1230400",
            "2.5, 64, 268800"})
    void serializationIncludesPreambleAndGap(double gbps, int bytes, long picos) {
        assertThat(new LinkTiming(gbps).serializationPicos(bytes)).isEqualTo(picos);
    }

    @Test
    void unlimitedLinkDeliversAtTheIntendedTime() {
        LinkTiming link = new LinkTiming(0);
        assertThat(link.isLimited()).isFalse();
        assertThat(link.arrivalOffsetNanos(0, 1500)).isZero();
        assertThat(link.arrivalOffsetNanos(0, 1500)).as("even back to back").isZero();
        assertThat(link.arrivalOffsetNanos(5, 64)).isEqualTo(5);
    }

    @Test
    void framesQueueBehindABusyLinkAndArriveWhenTheirLastBitHas() {
        LinkTiming link = new LinkTiming(10);
        // three frames due at once: 67.2, 134.4, 201.6 ns, rounded up
        assertThat(link.arrivalOffsetNanos(0, 64)).isEqualTo(68);
        assertThat(link.arrivalOffsetNanos(0, 64)).isEqualTo(135);
        assertThat(link.arrivalOffsetNanos(0, 64)).isEqualTo(202);
        // an idle link: the frame starts at its intended time
        // 1518 + 20 (preamble, SFD, gap) = 1538 bytes = 12,304 bits at 10 Gb/s = 1230.4 ns, rounded up: 11,231
        assertThat(link.arrivalOffsetNanos(10_000, 1518)).isEqualTo(11_231);
        // due while the previous one is still on the wire (ends at 11230.4): starts then
        // 11,230.4 + 67.2 (84 bytes at 10 Gb/s) = 11,297.6 ns, rounded up
        assertThat(link.arrivalOffsetNanos(10_500, 64)).isEqualTo(11_298);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsBadSpeedsNamingTheKey(double gbps) {
        assertThatIllegalArgumentException().isThrownBy(() -> new LinkTiming(gbps))
                .withMessageStartingWith("nic.linkGbps");
    }

    /**
     * Poisson at 20 Mpps of 64-byte frames offered to a 10G link (14.88 Mpps): the wire delivers at line rate, no
     * faster.
     */
    @Test
    void theWireNeverExceedsLineRate() {
        MacFifo mac = new MacFifo(1 << 16);
        long schedule = 2_000_000;
        Wire wire = new Wire(TrafficSources.create(new TrafficConfig("poisson", 20e6, 3, 1, 64), schedule), mac,
                new LinkTiming(10));
        long start = 1_000_000;
        wire.start(start);
        long previousInjected = -1;
        long previousIntended = -1;
        long packets = 0;
        long firstInjected = 0;
        long lastInjected = 0;
        for (long now = start; !wire.isExhausted(); now++) { // a 1 ns tick: injected = arrival
            wire.inject(now);
            while (!mac.isEmpty()) {
                long injected = mac.headInjectedNanos();
                long intended = mac.headIntendedNanos();
                if (previousInjected >= 0 && injected - previousInjected < 67) {
                    fail("packet %d arrived %d ns after the previous one: faster than 10G line rate", packets,
                            injected - previousInjected);
                }
                if (injected < intended + 68 || intended < previousIntended) {
                    fail("packet %d: intended %d, injected %d", packets, intended, injected);
                }
                if (packets == 0) {
                    firstInjected = injected;
                }
                lastInjected = injected;
                previousInjected = injected;
                previousIntended = intended;
                packets++;
                mac.pop();
            }
        }
        assertThat(packets).as("every packet of the schedule, late").isGreaterThan(35_000);
        double meanGapNanos = (lastInjected - firstInjected) / (double) (packets - 1);
        assertThat(meanGapNanos).as("back to back at line rate").isCloseTo(67.2, within(0.05));
        assertThat(lastInjected - start).as("the backlog drains after the schedule ends").isGreaterThan(schedule);
    }

    /**
     * Queueing sanity (docs/semantics.md#queueing): Poisson arrivals on a link are an M/D/1 queue (the service time is
     * the fixed serialization), so the mean wait before a frame starts must match Pollaczek-Khinchine,
     * {@code W = rho * S / (2 (1 - rho))}: 1518-byte frames at 60k/s on 1 Gbit/s, rho = 0.738, W = 17.35 us.
     */
    @Test
    void poissonArrivalsWaitAsInAnMD1Queue() {
        double rate = 60_000;
        int frameBytes = 1518;
        LinkTiming link = new LinkTiming(1);
        double serviceNanos = link.serializationPicos(frameBytes) / 1_000.0;
        TrafficSource source = TrafficSources.create(new TrafficConfig("poisson", rate, 11, 1, frameBytes),
                20_000_000_000L);
        double waitSumNanos = 0;
        long packets = 0;
        while (source.next()) {
            waitSumNanos += link.arrivalOffsetNanos(source.offsetNanos(),
                    frameBytes) - source.offsetNanos() - serviceNanos;
            packets++;
        }
        double rho = rate * serviceNanos / 1e9;
        double expectedWaitNanos = rho * serviceNanos / (2 * (1 - rho));
        assertThat(rho).isCloseTo(0.738, within(0.001));
        assertThat(waitSumNanos / packets).as("mean wait over %d frames", packets)
                .isCloseTo(expectedWaitNanos, within(0.03 * expectedWaitNanos));
    }

    /** Below line rate the link only adds each frame's own serialization: intended + 67.2 ns when the wire is idle. */
    @Test
    void belowLineRateEachFrameTakesItsSerializationOnly() {
        MacFifo mac = new MacFifo(1 << 10);
        Wire wire = new Wire(TrafficSources.create(new TrafficConfig("constant", 1e6, 1, 1, 64), 100_000), mac,
                new LinkTiming(10));
        wire.start(0);
        int packets = 0;
        for (long now = 0; !wire.isExhausted(); now++) {
            wire.inject(now);
            while (!mac.isEmpty()) {
                assertThat(mac.headInjectedNanos() - mac.headIntendedNanos()).isEqualTo(68);
                mac.pop();
                packets++;
            }
        }
        assertThat(packets).isEqualTo(100);
    }
}
