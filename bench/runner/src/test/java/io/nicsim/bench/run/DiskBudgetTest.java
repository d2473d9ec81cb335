package io.nicsim.bench.run;

import io.nicsim.bench.results.CutShort;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The disk estimate, the floor, the pre-start plan and the watch, with a fake free-space source and clock. */
class DiskBudgetTest {

    private static final Path SHM = Path.of("/staging");
    private static final Path OUT = Path.of("/out/run");

    private static Scenario scenario(String... sets) throws Exception {
        return ScenarioLoader.load(null, List.of(sets));
    }

    @Test
    void estimatesRateTimesWarmupAndDurationTimesBytesPerPacket() throws Exception {
        Scenario s = scenario("traffic.ratePerSecond=100000", "run.warmup=1s", "run.duration=2s");
        assertThat(DiskBudget.packets(s)).isEqualTo(300_000);
        assertThat(DiskBudget.liveJournalBytes(s, false))
                .isEqualTo(300_000 * 204L + 4 * DiskBudget.FILE_OVERHEAD_BYTES);
        assertThat(DiskBudget.liveJournalBytes(s, true))
                .isEqualTo(300_000 * (204L + 48) + 5 * DiskBudget.FILE_OVERHEAD_BYTES);
        // a staged journal moved into the run folder stays sparse: its pages, not its files' 80 MiB lengths
        assertThat(DiskBudget.keptJournalBytes(s, false)).isEqualTo(DiskBudget.liveJournalBytes(s, false));
    }

    @Test
    void onOffCountsItsBurstsOnlyAndVirtualRunsWithoutJournalWriteNone() throws Exception {
        Scenario onOff = scenario("traffic.kind=on-off", "traffic.ratePerSecond=1000000", "traffic.burstNanos=100us",
                "traffic.idleNanos=900us", "run.warmup=0s", "run.duration=1s");
        assertThat(DiskBudget.packets(onOff)).isEqualTo(100_000);
        Scenario virtual = scenario("run.clock=virtual");
        assertThat(DiskBudget.liveJournalBytes(virtual, false)).isZero();
        assertThat(DiskBudget.floorBytes(virtual, false, true)).isEqualTo(DiskBudget.RESERVE_BYTES);
    }

    @Test
    void theFloorHoldsTwoLooksOfWritesAtThePeakRateAndTheReserve() throws Exception {
        Scenario s = scenario("traffic.ratePerSecond=1000000");
        // 1M pps x 0.1 s x 204 B = 20.4 MB, the pages beyond the records, the reserve
        assertThat(DiskBudget.floorBytes(s, false, true))
                .isEqualTo(20_400_000 + 4 * DiskBudget.FILE_OVERHEAD_BYTES + DiskBudget.RESERVE_BYTES);
        assertThat(DiskBudget.floorBytes(s, false, false)).isEqualTo(DiskBudget.RESERVE_BYTES);
    }

    @Test
    void refusesWhenTheStagingFilesystemCannotHoldOneRunAndWarnsWithLittleMargin() throws Exception {
        Scenario s = scenario("traffic.ratePerSecond=100000", "run.warmup=0s", "run.duration=10s");
        long live = DiskBudget.liveJournalBytes(s, false);
        Map<Path, Long> free = new HashMap<>(Map.of(SHM, live - 1, OUT, 10_000_000_000L));
        DiskPlan tooSmall = DiskPlan.of(List.of(s, s), OUT, SHM, false, false, free::get, (a, b) -> false);
        assertThat(tooSmall.cannotFit().role()).isEqualTo("staging");
        assertThat(tooSmall.cannotFit().bytes()).as("one run's journal at a time").isEqualTo(live);

        free.put(SHM, live + 1);
        DiskPlan tight = DiskPlan.of(List.of(s, s), OUT, SHM, false, false, free::get, (a, b) -> false);
        assertThat(tight.cannotFit()).isNull();
        assertThat(tight.littleMargin()).extracting(DiskPlan.Need::role).containsExactly("staging");

        free.put(SHM, 10_000_000_000L);
        assertThat(DiskPlan.of(List.of(s), OUT, SHM, false, false, free::get, (a, b) -> false).littleMargin())
                .isEmpty();
    }

    @Test
    void theOutputHoldsEveryKeptJournalAndOneFilesystemHoldingBothSumsThem() throws Exception {
        Scenario s = scenario("traffic.ratePerSecond=100000", "run.warmup=0s", "run.duration=1s");
        Map<Path, Long> free = Map.of(SHM, 1L << 40, OUT, 1L << 40);
        DiskPlan kept = DiskPlan.of(List.of(s, s, s), OUT, SHM, false, true, free::get, (a, b) -> false);
        DiskPlan.Need output = kept.needs().get(1);
        assertThat(output.bytes()).isEqualTo(3 * (DiskBudget.keptJournalBytes(s, false)
                + DiskBudget.filesBytes(s, false)) + DiskBudget.RESERVE_BYTES);

        DiskPlan shared = DiskPlan.of(List.of(s, s, s), OUT, SHM, false, true, free::get, (a, b) -> true);
        assertThat(shared.needs()).hasSize(1);
        assertThat(shared.needs().getFirst().bytes()).isEqualTo(output.bytes() + DiskBudget.liveJournalBytes(s, false));
    }

    @Test
    void aTwoProcessHostKeepsTheReserveAsFloorBelowTheNicsSoTheNicStopsFirst() throws Exception {
        Scenario s = scenario("traffic.ratePerSecond=50000", "run.warmup=0s", "run.duration=2s");
        Path dir = Path.of("/d");
        long journal = DiskBudget.liveJournalBytes(s, false);
        long results = DiskBudget.RESERVE_BYTES + DiskBudget.filesBytes(s, false);
        Map<Path, Long> free = Map.of(dir, journal + results - 1, OUT, 1L << 40);

        DiskPlan shared = DiskPlan.host(s, dir, dir, free::get, (a, b) -> true);
        assertThat(shared.cannotFit().bytes()).as("the NIC's journal and the host's results").isEqualTo(journal
                + results);
        DiskPlan apart = DiskPlan.host(s, dir, OUT, free::get, (a, b) -> false);
        assertThat(apart.cannotFit()).isNull();
        assertThat(apart.watch().watched()).extracting(DiskWatch.Watched::path).containsExactly(dir, OUT);

        DiskPlan nic = DiskPlan.of(List.of(s), dir, null, false, true, free::get, (a, b) -> false);
        assertThat(apart.watch().watched().getFirst().floorBytes()).isEqualTo(DiskBudget.RESERVE_BYTES)
                .isLessThan(nic.watch().watched().getFirst().floorBytes());
    }

    @Test
    void theWatchCutsShortBelowTheFloorAndLooksAtMostEveryFiftyMillis() {
        AtomicLong freeBytes = new AtomicLong(100);
        AtomicLong now = new AtomicLong();
        int[] looks = {0};
        FreeSpace fake = path -> {
            looks[0]++;
            return freeBytes.get();
        };
        DiskWatch watch = new DiskWatch(List.of(new DiskWatch.Watched(SHM, 50)), fake, now::get);
        StopSignal stop = new StopSignal().watching(watch);

        assertThat(stop.requested()).isFalse();
        freeBytes.set(49);
        now.addAndGet(DiskWatch.CHECK_EVERY_NANOS - 1);
        assertThat(stop.requested()).as("not looked again before 50 ms").isFalse();
        assertThat(looks[0]).isEqualTo(1);
        now.addAndGet(1);
        assertThat(stop.requested()).isTrue();
        assertThat(stop.requestedByUser()).isFalse();
        assertThat(stop.cutShort()).isEqualTo(new CutShort(CutShort.DISK_FULL, SHM.toString(), 49, 50));
        freeBytes.set(1000);
        assertThat(stop.requested()).as("a stop stays requested").isTrue();
    }

    @Test
    void aChildRunCutShortStopsTheStudyAndKeepsTheFirstReason() {
        StopSignal stop = new StopSignal();
        CutShort first = new CutShort(CutShort.DISK_FULL, "/a", 1, 2);
        stop.cutShort(first);
        stop.cutShort(new CutShort(CutShort.DISK_FULL, "/b", 3, 4));
        assertThat(stop.requested()).isTrue();
        assertThat(stop.requestedByUser()).isFalse();
        assertThat(stop.cutShort()).isEqualTo(first);
    }

    @Test
    void aUserStopIsNoCutShort() {
        StopSignal stop = new StopSignal().watching(new DiskWatch(List.of(), path -> 0, () -> 0));
        stop.request();
        assertThat(stop.requested()).isTrue();
        assertThat(stop.requestedByUser()).isTrue();
        assertThat(stop.cutShort()).isNull();
    }
}
