package io.nicsim.nic.traffic;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.nic.wire.MacFifo;
import io.nicsim.nic.wire.Wire;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.fail;

/**
 * The UDP source with a manual clock and real loopback datagrams: arrival = the clock when the read returned the
 * datagram, frame = payload + 46 (at least 64), flow = sender in order of first appearance with its real 5-tuple;
 * nothing is read before time zero, and the source ends at the end of the run. Datagrams are polled for until they
 * arrive (loopback delivery is asynchronous), with a deadline as a liveness bound; no timing is asserted. Where a
 * datagram must be ignored, a marker proves it was there to be ignored: a datagram sent after it to a probe socket
 * has arrived, and a datagram that must be read is read.
 */
@Tag("run")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
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

    /** Liveness bound of every wait for a datagram. */
    private static final long BOUND_NANOS = 30_000_000_000L;

    /** Polls until a datagram is read, within {@link #BOUND_NANOS}. */
    private static void awaitNext(TrafficSource source) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (!source.next()) {
            if (System.nanoTime() - deadline > 0) {
                fail("no datagram arrived");
            }
            Thread.sleep(1);
        }
    }

    /**
     * Sends a marker from {@code from} to a probe socket of the test's and waits for it: loopback hands over a
     * sender's datagrams in the order sent, so by then everything {@code from} sent before is queued where it went.
     */
    private static void awaitDelivered(DatagramChannel from) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(UdpSource.HOST, 0))) {
            probe.setSoTimeout((int) (BOUND_NANOS / 1_000_000));
            from.send(ByteBuffer.wrap(new byte[] {42}), probe.getLocalSocketAddress());
            DatagramPacket marker = new DatagramPacket(new byte[1], 1);
            probe.receive(marker);
            assertThat(marker.getData()[0]).isEqualTo((byte) 42);
        }
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
            awaitDelivered(a); // the 18-byte datagram waits in the kernel
            assertThat(source.next()).as("before time zero nothing is read").isFalse();

            clock.setNanos(START + 100);
            awaitNext(source);
            // the datagram that waited is the first one read, stamped at time zero + 100: it was not consumed before
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

            send(a, port, 300); // read just before the end
            send(a, port, 10);  // still waiting when the run ends: never read
            awaitDelivered(a);
            clock.setNanos(START + 999_999);
            assertThat(source.next()).as("the last nanosecond of the run still reads").isTrue();
            assertThat(source.frameBytes()).as("300 + 46").isEqualTo(346);
            assertThat(source.offsetNanos()).isEqualTo(999_999);
            clock.setNanos(START + 1_000_000);
            assertThat(source.next()).as("after the run's end, though a datagram waits").isFalse();
            assertThat(source.ended()).isTrue();
            assertThat(source.next()).as("ended for good").isFalse();
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
            awaitDelivered(sender); // all three wait in the kernel
            // they are queued, so the first turns read them; the run's end (10 us) bounds the loop
            for (long now = START + 10; wire.injectedPackets() < 3 && now < START + 10_000; now++) {
                clock.setNanos(now);
                wire.inject(now);
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
