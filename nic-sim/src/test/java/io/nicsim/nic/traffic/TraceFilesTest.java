package io.nicsim.nic.traffic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Trace replay: a CSV and a pcap written here come back as the same gaps, sizes and flows (the pcap's flows with
 * their real 5-tuples), a speedup divides the gaps, the run's end cuts the trace, and every bad file gives one
 * message naming the file and the line or packet.
 */
class TraceFilesTest {

    @TempDir
    Path dir;

    private record Packet(long offsetNanos, int flow, int frameBytes) {
    }

    /** Plays the trace once. */
    private static List<Packet> replay(String file, double speedup, long durationNanos) {
        return replay(file, speedup, durationNanos, TraceSource.ONCE);
    }

    private static List<Packet> replay(String file, double speedup, long durationNanos, String repeat) {
        TrafficSource source = TrafficSources.create(new TrafficConfig("constant", 1, 1, 1, 64).withTrace(file, speedup)
                .withTraceRepeat(repeat), durationNanos);
        assertThat(source.kind()).isEqualTo("trace");
        List<Packet> packets = new ArrayList<>();
        while (source.next()) {
            packets.add(new Packet(source.offsetNanos(), source.flow(), source.frameBytes()));
        }
        assertThat(source.next()).as("stays exhausted").isFalse();
        return packets;
    }

    private Path csv(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void csvReplaysGapsFlowsAndSizesFromTheFirstTimestamp() throws IOException {
        Path file = csv("t.csv", "# a comment", TraceCsv.HEADER, "1000000,0,64", "", "1000100,3,1518",
                "1000100,1,128", " 1002500 , 0 , 64 ");

        assertThat(replay(file.toString(), 1, Long.MAX_VALUE)).containsExactly(new Packet(0, 0, 64),
                new Packet(100, 3, 1518), new Packet(100, 1, 128), new Packet(2_500, 0, 64));
    }

    @Test
    void speedupDividesTheGapsAndTheRunsEndCutsTheTrace() throws IOException {
        Path file = csv("t.csv", "0,0,64", "1000,0,64", "3000,0,64", "9000,0,64");

        assertThat(replay(file.toString(), 2, Long.MAX_VALUE)).extracting(Packet::offsetNanos)
                .containsExactly(0L, 500L, 1_500L, 4_500L);
        assertThat(replay(file.toString(), 0.5, Long.MAX_VALUE)).extracting(Packet::offsetNanos)
                .containsExactly(0L, 2_000L, 6_000L, 18_000L);
        assertThat(replay(file.toString(), 1, 3_000)).as("[0, 3000)").extracting(Packet::offsetNanos)
                .containsExactly(0L, 1_000L);
    }

    @Test
    void aLoopStartsAgainOneMeanGapAfterTheLastPacketUntilTheRunEnds() throws IOException {
        // span 900 ns over 3 gaps: mean gap 300, so loops start every 1200 ns
        Path file = csv("t.csv", "100,0,64", "200,1,65", "400,2,66", "1000,3,67");

        List<Packet> packets = replay(file.toString(), 1, 3_000, TraceSource.LOOP);

        assertThat(packets).extracting(Packet::offsetNanos)
                .containsExactly(0L, 100L, 300L, 900L, 1_200L, 1_300L, 1_500L, 2_100L, 2_400L, 2_500L, 2_700L);
        assertThat(packets).extracting(Packet::flow).containsExactly(0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2);
        assertThat(replay(file.toString(), 2, 1_500, TraceSource.LOOP)).as("speedup applies to the loops too")
                .extracting(Packet::offsetNanos).containsExactly(0L, 50L, 150L, 450L, 600L, 650L, 750L, 1_050L, 1_200L,
                        1_250L, 1_350L);
        assertThat(TrafficSources.create(new TrafficConfig("constant", 1, 1, 1, 64).withTrace(file.toString(), 1), 10)
                .next()).as("loop is the default").isTrue();
    }

    @Test
    void aOnePacketTraceCannotLoop() throws IOException {
        Path file = csv("one.csv", "5,0,64");
        assertThat(replay(file.toString(), 1, 1_000)).containsExactly(new Packet(0, 0, 64));
        assertThatIllegalArgumentException().isThrownBy(() -> replay(file.toString(), 1, 1_000, TraceSource.LOOP))
                .withMessageStartingWith("traffic.traceRepeat: " + file + " holds one packet");
        assertThatIllegalArgumentException().isThrownBy(() -> replay(file.toString(), 1, 1_000, "twice"))
                .withMessageStartingWith("traffic.traceRepeat: expected one of [loop, once], found 'twice'");
    }

    @Test
    void csvFlowsHaveSyntheticTuples() throws IOException {
        TrafficSource source = TrafficSources.create(new TrafficConfig("constant", 1, 1, 1, 64)
                .withTrace(csv("t.csv", "0,5,64", "9,5,64").toString(), 1), 10);
        assertThat(source.flowTuples()).isSameAs(SyntheticFlows.INSTANCE);
    }

    @Test
    void pcapReplaysCaptureGapsSizesAndRealFiveTuples() throws IOException {
        int a = 0xC0A80001; // 192.168.0.1
        int b = 0xC0A80002;
        PcapFiles pcap = new PcapFiles(ByteOrder.LITTLE_ENDIAN, false, PcapFiles.ETHERNET)
                .packet(1_700_000_000L, 10, PcapFiles.ipv4Frame(a, b, FlowTuples.UDP, 5000, 53, 60), 60)
                .packet(1_700_000_000L, 35, PcapFiles.ipv4Frame(b, a, FlowTuples.TCP, 443, 40000, 1514), 1514)
                .packet(1_700_000_000L, 35, PcapFiles.ipv4Frame(a, b, FlowTuples.UDP, 5000, 53, 100), 100)
                .packet(1_700_000_001L, 5, PcapFiles.arpFrame(), 42)
                .packet(1_700_000_001L, 6, PcapFiles.ipv4Frame(a, b, 1, 0, 0, 98), 98); // ICMP: addresses only
        Path file = pcap.write(dir.resolve("capture.pcap"));

        List<Packet> packets = replay(file.toString(), 1, Long.MAX_VALUE);

        // gaps in microseconds from the capture; frames are the original length + 4 (FCS), at least 64
        assertThat(packets).containsExactly(new Packet(0, 0, 64), new Packet(25_000, 1, 1518),
                new Packet(25_000, 0, 104), new Packet(999_995_000, 2, 64), new Packet(999_996_000, 3, 102));
        FlowTuples tuples = TrafficSources.create(new TrafficConfig("constant", 1, 1, 1, 64)
                .withTrace(file.toString(), 1), 10).flowTuples();
        assertThat(new int[] {tuples.sourceIp(0), tuples.destinationIp(0), tuples.sourcePort(0),
                tuples.destinationPort(0), tuples.protocol(0)}).containsExactly(a, b, 5000, 53, FlowTuples.UDP);
        assertThat(new int[] {tuples.sourceIp(1), tuples.destinationIp(1), tuples.sourcePort(1),
                tuples.destinationPort(1), tuples.protocol(1)}).containsExactly(b, a, 443, 40000, FlowTuples.TCP);
        assertThat(tuples.protocol(2)).isEqualTo(FlowTuples.NOT_IPV4);
        assertThat(new int[] {tuples.sourceIp(3), tuples.sourcePort(3), tuples.protocol(3)}).containsExactly(a, 0, 1);
    }

    @Test
    void pcapWithNanosecondTimestampsBigEndianOrRawIp() throws IOException {
        Path nanos = new PcapFiles(ByteOrder.BIG_ENDIAN, true, PcapFiles.ETHERNET)
                .packet(5, 100, PcapFiles.ipv4Frame(1, 2, FlowTuples.UDP, 1, 2, 60), 60)
                .packet(5, 167, PcapFiles.ipv4Frame(1, 2, FlowTuples.UDP, 1, 2, 60), 60)
                .write(dir.resolve("ns.pcap"));
        assertThat(replay(nanos.toString(), 1, Long.MAX_VALUE))
                .containsExactly(new Packet(0, 0, 64), new Packet(67, 0, 64));

        byte[] ethernet = PcapFiles.ipv4Frame(1, 2, FlowTuples.TCP, 7, 8, 200);
        byte[] ip = java.util.Arrays.copyOfRange(ethernet, 14, ethernet.length);
        Path raw = new PcapFiles(ByteOrder.LITTLE_ENDIAN, false, PcapFiles.RAW_IP).packet(0, 0, ip, ip.length)
                .write(dir.resolve("raw.pcap"));
        assertThat(replay(raw.toString(), 1, Long.MAX_VALUE)).as("raw IP gets an Ethernet header and FCS")
                .containsExactly(new Packet(0, 0, 200 + 4));
    }

    @Test
    void pcapSnappedPacketsKeepTheirOriginalLength() throws IOException {
        byte[] frame = PcapFiles.ipv4Frame(1, 2, FlowTuples.UDP, 9, 10, 1514);
        Path file = new PcapFiles(ByteOrder.LITTLE_ENDIAN, false, PcapFiles.ETHERNET)
                .packet(0, 0, java.util.Arrays.copyOf(frame, 96), 1514).write(dir.resolve("snap.pcap"));

        assertThat(replay(file.toString(), 1, Long.MAX_VALUE)).containsExactly(new Packet(0, 0, 1518));
    }

    // --- errors: one message, naming the file and where ---

    private void assertRejected(Path file, String... parts) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TrafficSources.create(new TrafficConfig("constant", 1, 1, 1, 64)
                        .withTrace(file.toString(), 1), 10))
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith("traffic.traceFile: " + file).doesNotContain("\n");
                    for (String part : parts) {
                        assertThat(e.getMessage()).contains(part);
                    }
                });
    }

    @Test
    void csvErrorsNameFileAndLine() throws IOException {
        assertRejected(csv("fields.csv", "0,0,64", "10,0"),
                "fields.csv:2: expected 3 fields timestampNanos,flow,bytes, found 2 in '10,0'");
        assertRejected(csv("word.csv", "0,0,64", "", "10,x,64"), "word.csv:3: flow: expected an integer, found 'x'");
        assertRejected(csv("zero.csv", "0,0,0"), "zero.csv:1: bytes: expected an integer in [1, ");
        assertRejected(csv("negative.csv", "-5,0,64"), "negative.csv:1: timestampNanos: expected an integer in [0, ");
        assertRejected(csv("order.csv", "100,0,64", "99,0,64"), "order.csv:2: timestampNanos 99 is before the previous"
                + " packet's 100 (a trace must be in time order)");
        assertRejected(csv("empty.csv", "# nothing", TraceCsv.HEADER), "empty.csv: no packets");
        assertRejected(csv("header-late.csv", "0,0,64", TraceCsv.HEADER),
                "header-late.csv:2: timestampNanos: expected an integer");
    }

    @Test
    void fileErrorsNameTheFile() throws IOException {
        assertRejected(dir.resolve("missing.csv"), "missing.csv: no such file");
        assertRejected(dir, ": is a folder, not a trace file");
        Path pcapng = Files.write(dir.resolve("capture.pcapng"), new byte[] {0x0A, 0x0D, 0x0D, 0x0A, 0, 0, 0, 0});
        assertRejected(pcapng, "a pcapng file; only classic pcap is read (convert it with 'editcap -F pcap IN OUT')");
        Path text = Files.writeString(dir.resolve("notes.pcap"), "these are notes\n");
        assertRejected(text, "notes.pcap: not a classic pcap file (it does not open with a pcap magic number)");
        Path binary = Files.write(dir.resolve("binary.csv"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2});
        assertRejected(binary, "binary.csv:1: not text");
    }

    @Test
    void pcapErrorsNameThePacket() throws IOException {
        byte[] frame = PcapFiles.ipv4Frame(1, 2, FlowTuples.UDP, 1, 2, 60);
        byte[] whole = new PcapFiles(ByteOrder.LITTLE_ENDIAN, false, PcapFiles.ETHERNET)
                .packet(0, 10, frame, 60).packet(0, 20, frame, 60).bytes();
        Path truncated = Files.write(dir.resolve("truncated.pcap"), java.util.Arrays.copyOf(whole, whole.length - 20));
        assertRejected(truncated, "truncated.pcap: packet 2 cannot be read");

        Path backwards = new PcapFiles(ByteOrder.LITTLE_ENDIAN, false, PcapFiles.ETHERNET)
                .packet(1, 10, frame, 60).packet(0, 999_999, frame, 60).write(dir.resolve("backwards.pcap"));
        assertRejected(backwards, "backwards.pcap: packet 2 was captured before packet 1");

        Path linkType = new PcapFiles(ByteOrder.LITTLE_ENDIAN, false, 127).packet(0, 0, frame, 60)
                .write(dir.resolve("wifi.pcap"));
        assertRejected(linkType, "wifi.pcap: link type 127 is not supported");

        Path headerOnly = Files.write(dir.resolve("header-only.pcap"),
                new PcapFiles(ByteOrder.LITTLE_ENDIAN, false, PcapFiles.ETHERNET).bytes());
        assertRejected(headerOnly, "header-only.pcap: no packets");
    }

    @Test
    void theTraceKindNeedsAFileAndAPositiveSpeedup() {
        assertThatIllegalArgumentException().isThrownBy(() -> TrafficSources.create(
                        new TrafficConfig("constant", 1, 1, 1, 64).withTrace("", 1), 10))
                .withMessageStartingWith("traffic.traceFile: the trace kind needs a file");
        assertThatIllegalArgumentException().isThrownBy(() -> TrafficSources.create(
                        new TrafficConfig("constant", 1, 1, 1, 64).withTrace("x.csv", 0), 10))
                .withMessageStartingWith("traffic.traceSpeedup");
    }
}
