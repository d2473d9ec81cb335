package io.nicsim.nic.wire;

import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.TrafficSource;
import io.nicsim.nic.traffic.TrafficSources;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Playing any schedule through the wire, with link timing, allocates nothing per packet once warm (compiled):
 * counted with the JVM's per-thread allocation counter, a semantic check, not a timing.
 */
class SourcesAllocateNothingTest {

    private static final long SCHEDULE_NANOS = 20_000_000;
    private static final int ROUNDS = 30;

    @TempDir
    static Path dir;

    private static TrafficConfig config(String kind) throws Exception {
        TrafficConfig base = new TrafficConfig("poisson", 5e6, 1, 8, 64);
        return switch (kind) {
            case "on-off" -> base.withOnOff(10_000, 10_000);
            case "mmpp" -> base.withMmpp(10e6, 50_000, 20_000);
            case "trace" -> {
                Path csv = dir.resolve("trace.csv");
                if (!Files.exists(csv)) {
                    List<String> lines = new ArrayList<>();
                    for (int i = 0; i < 100_000; i++) {
                        lines.add(i * 150L + "," + i % 13 + "," + (64 + i % 1400));
                    }
                    Files.write(csv, lines);
                }
                yield base.withTrace(csv.toString(), 1);
            }
            default -> new TrafficConfig(kind, 5e6, 1, 8, 64);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"constant", "poisson", "on-off", "mmpp", "trace"})
    void playingASchedulePerPacketAllocatesNothing(String kind) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TrafficConfig config = config(kind);
        long allocated = Long.MAX_VALUE;
        long packets = 0;
        for (int round = 0; round < ROUNDS && allocated >= 256; round++) {
            TrafficSource source = TrafficSources.create(config, SCHEDULE_NANOS); // built outside the measurement
            MacFifo mac = new MacFifo(1 << 16);
            Wire wire = new Wire(source, mac, new LinkTiming(100));
            long before = threads.getCurrentThreadAllocatedBytes();
            packets = play(wire, mac);
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertThat(packets).isGreaterThanOrEqualTo(50_000);
        assertThat(allocated).as("bytes allocated playing %d packets of %s", packets, kind).isLessThan(256);
    }

    private static long play(Wire wire, MacFifo mac) {
        wire.start(0);
        long packets = 0;
        for (long now = 0; !wire.isExhausted(); now += 50) {
            packets += wire.inject(now);
            while (!mac.isEmpty()) {
                mac.pop();
            }
        }
        return packets;
    }
}
