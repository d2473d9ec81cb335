package io.nicsim.nic.traffic;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.nic.wire.MacFifo;
import io.nicsim.nic.wire.Wire;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.fail;

/**
 * The UDP source with a manual clock and real loopback datagrams: arrival = the clock when the read returned the
 * datagram, frame = payload + 46 (at least 64), flow = sender in order of first appearance with its real 5-tuple;
 * nothing is read before time zero, and the source ends at the end of the run. Datagrams are polled for until they
 * arrive (loopback delivery is asynchronous); no timing is asserted.
 */
class UdpSourceTest {

    private static final long START = 1_000_000;

    private static int freePort() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(UdpSource.HOST, 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    private static UdpSource source(int port, long durationNanos, ManualNanoClock clock) {
        return (UdpSource) TrafficSources.create(TrafficConfig.DEFAULTS.withUdp(port), durationNanos, clock);
    }

    private static void send(DatagramChannel from, int port, int payloadBytes) throws IOException {
        from.send(ByteBuffer.allocate(payloadBytes), new InetSocketAddress(UdpSource.HOST, port));
    }

    /** Polls until a datagram is read (at most ~10 s of wall time, a liveness bound). */
    private static void awaitNext(TrafficSource source) throws InterruptedException {
        for (int i = 0; i < 10_000; i++) {
            if (source.next()) {
                return;
            }
            Thread.sleep(1);
        }
        fail("no datagram arrived");
    }

    @Test
    void datagramsBecomeArrivalsWithTheirSendersFlowAndFrameSize() throws Exception {
        int port = freePort();
        ManualNanoClock clock = new ManualNanoClock(START - 500);
        UdpSource source = source(port, 1_000_000, clock);
        try (DatagramChannel a = DatagramChannel.open(); DatagramChannel b = DatagramChannel.open()) {
            a.bind(new InetSocketAddress(UdpSource.HOST, 0));
            b.bind(new InetSocketAddress(UdpSource.HOST, 0));
            source.start(START);
            assertThat(source.kind()).isEqualTo("udp");

            send(a, port, 18);
            Thread.sleep(20);
            assertThat(source.next()).as("before time zero nothing is read").isFalse();

            clock.setNanos(START + 100);
            awaitNext(source);
            assertThat(source.offsetNanos()).isEqualTo(100);
            assertThat(source.frameBytes()).as("18 + 46").isEqualTo(64);
            assertThat(source.flow()).isZero();

            send(b, port, 1000);
            clock.setNanos(START + 250);
            awaitNext(source);
            assertThat(source.offsetNanos()).isEqualTo(250);
            assertThat(source.frameBytes()).isEqualTo(1046);
            assertThat(source.flow()).isEqualTo(1);

            send(a, port, 0);
            awaitNext(source);
            assertThat(source.frameBytes()).as("padded to the Ethernet minimum").isEqualTo(64);
            assertThat(source.flow()).as("same sender, same flow").isZero();

            FlowTuples tuples = source.flowTuples();
            int aPort = ((InetSocketAddress) a.getLocalAddress()).getPort();
            assertThat(new int[] {tuples.sourceIp(0), tuples.destinationIp(0), tuples.sourcePort(0),
                    tuples.destinationPort(0), tuples.protocol(0)})
                    .containsExactly(0x7F000001, 0x7F000001, aPort, port, FlowTuples.UDP);
            assertThat(tuples.sourcePort(1)).isEqualTo(((InetSocketAddress) b.getLocalAddress()).getPort());
            assertThat(source.next()).as("nothing more yet").isFalse();
            assertThat(source.ended()).isFalse();

            send(a, port, 10);
            Thread.sleep(20);
            clock.setNanos(START + 1_000_000);
            assertThat(source.next()).as("after the run's end").isFalse();
            assertThat(source.ended()).isTrue();
        } finally {
            source.close();
        }
    }

    @Test
    void theWirePollsItAndEndsWithIt() throws Exception {
        int port = freePort();
        ManualNanoClock clock = new ManualNanoClock(START);
        UdpSource source = source(port, 10_000, clock);
        MacFifo mac = new MacFifo(16);
        Wire wire = new Wire(source, mac);
        wire.start(START);
        try (DatagramChannel sender = DatagramChannel.open()) {
            for (int i = 0; i < 3; i++) {
                send(sender, port, 18);
            }
            clock.setNanos(START + 10);
            long now = START + 10;
            for (int i = 0; i < 10_000 && wire.injectedPackets() < 3; i++, now++) {
                clock.setNanos(now);
                wire.inject(now);
                Thread.sleep(0, 100_000);
            }
            assertThat(wire.injectedPackets()).isEqualTo(3);
            while (!mac.isEmpty()) {
                assertThat(mac.headInjectedNanos()).isGreaterThanOrEqualTo(mac.headIntendedNanos());
                mac.pop();
            }
            assertThat(wire.isExhausted()).isFalse();
            clock.setNanos(START + 10_000);
            wire.inject(START + 10_000);
            assertThat(wire.isExhausted()).as("the live source's time is up").isTrue();
            assertThat(wire.countDueNotInjected(Long.MAX_VALUE)).isZero();
        } finally {
            wire.close();
        }
        assertThat(source.ended()).isTrue();
    }

    /** From one sender, reading datagrams allocates nothing once warm (the JDK reuses the sender's address). */
    @Test
    void readingFromOneSenderAllocatesNothing() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int port = freePort();
        UdpSource source = source(port, Long.MAX_VALUE / 2, new ManualNanoClock(START));
        source.start(START);
        try (DatagramChannel sender = DatagramChannel.open()) {
            ByteBuffer payload = ByteBuffer.allocateDirect(18);
            InetSocketAddress target = new InetSocketAddress(UdpSource.HOST, port);
            long allocated = Long.MAX_VALUE;
            for (int round = 0; round < 200 && allocated >= 256; round++) {
                for (int i = 0; i < 100; i++) {
                    payload.clear();
                    sender.send(payload, target);
                }
                long before = threads.getCurrentThreadAllocatedBytes();
                int received = 0;
                for (long polls = 0; received < 100 && polls < 100_000_000L; polls++) {
                    if (source.next()) {
                        received++;
                    }
                }
                allocated = threads.getCurrentThreadAllocatedBytes() - before;
                assertThat(received).as("round %d", round).isEqualTo(100);
            }
            assertThat(allocated).as("bytes allocated reading 100 datagrams").isLessThan(256);
        } finally {
            source.close();
        }
    }

    @Test
    void aPortInUseIsAnErrorNamingTheKey() throws Exception {
        try (DatagramChannel taken = DatagramChannel.open()) {
            taken.bind(new InetSocketAddress(UdpSource.HOST, 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            UdpSource source = source(port, 1_000, new ManualNanoClock(0));
            assertThatIllegalStateException().isThrownBy(() -> source.start(0))
                    .withMessageStartingWith("traffic.udpPort: cannot listen on 127.0.0.1:" + port + ": ");
        }
    }
}
