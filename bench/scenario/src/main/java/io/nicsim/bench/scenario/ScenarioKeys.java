package io.nicsim.bench.scenario;

import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.host.Consumers;
import io.nicsim.host.consumer.ShapeConfig;
import io.nicsim.nic.agent.IdleStrategies;
import io.nicsim.nic.device.NicConfig;
import io.nicsim.nic.traffic.TraceSource;
import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.TrafficSources;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every scenario key with its type, default and meaning, in the order the docs list them. */
public final class ScenarioKeys {

    /** Top-level sections of a scenario file (besides {@code name}). */
    public static final List<String> SECTIONS = List.of("traffic", "nic", "firmware", "host", "run");

    private static final Map<String, ScenarioKey> KEYS = new LinkedHashMap<>();

    static {
        TrafficConfig traffic = TrafficConfig.DEFAULTS;
        key("traffic.kind", KeyType.NAME, traffic.kind(), TrafficSources.KINDS,
                "arrival process: constant (even gaps), poisson (exponential gaps), on-off (bursts and silences),"
                        + " mmpp (two-state Markov-modulated Poisson), trace (replay a CSV or pcap file), udp (real"
                        + " datagrams sent to 127.0.0.1:udpPort)");
        key("traffic.ratePerSecond", KeyType.RATE, traffic.ratePerSecond(), List.of(),
                "packets per second: the mean (constant, poisson), the rate within a burst (on-off), the rate in"
                        + " state 1 (mmpp)");
        key("traffic.seed", KeyType.LONG, traffic.seed(), List.of(),
                "random seed; the same seed replays the same arrivals");
        key("traffic.flows", KeyType.POSITIVE_COUNT, traffic.flows(), List.of(),
                "flows the packets are spread over, each with a synthetic 5-tuple (trace and udp: the packets' own)");
        key("traffic.frameBytes", KeyType.POSITIVE_COUNT, traffic.frameBytes(), List.of(),
                "frame size in bytes, FCS included (trace and udp: each packet's own)");
        key("traffic.highPriorityShare", KeyType.SHARE, traffic.highPriorityShare(), List.of(),
                "share of packets marked high priority (the NIC reports the class in the descriptor); latency is"
                        + " reported per class");
        key("traffic.burstNanos", KeyType.DURATION, traffic.burstNanos(), List.of(),
                "on-off: length of each burst, arrivals evenly spaced at ratePerSecond within it");
        key("traffic.idleNanos", KeyType.DURATION, traffic.idleNanos(), List.of(), "on-off: silence after each burst");
        key("traffic.mmppRate2PerSecond", KeyType.RATE, traffic.mmppRate2PerSecond(), List.of(),
                "mmpp: Poisson rate in state 2 (state 1 has ratePerSecond)");
        key("traffic.mmppSojourn1Nanos", KeyType.DURATION, traffic.mmppSojourn1Nanos(), List.of(),
                "mmpp: mean time in state 1 before switching (exponentially distributed)");
        key("traffic.mmppSojourn2Nanos", KeyType.DURATION, traffic.mmppSojourn2Nanos(), List.of(),
                "mmpp: mean time in state 2 before switching (exponentially distributed)");
        key("traffic.traceFile", KeyType.PATH, traffic.traceFile(), List.of(),
                "trace: CSV (timestampNanos,flow,bytes) or classic pcap file, relative to the scenario file");
        key("traffic.traceSpeedup", KeyType.POSITIVE_NUMBER, traffic.traceSpeedup(), List.of(),
                "trace: replay this many times faster than recorded (gaps divided by it)");
        key("traffic.traceRepeat", KeyType.NAME, traffic.traceRepeat(), TraceSource.REPEATS,
                "trace: loop (start again one mean gap after the last packet, until the run ends; the warm-up plays it"
                        + " too) or once");
        key("traffic.udpPort", KeyType.POSITIVE_COUNT, traffic.udpPort(), List.of(),
                "udp: the port on 127.0.0.1 whose datagrams become arrivals (e.g. from ./nicsim send)");

        NicConfig nic = NicConfig.DEFAULTS;
        key("nic.linkGbps", KeyType.NUMBER, nic.linkGbps(), List.of(),
                "link speed in Gbit/s: a frame takes (bytes + 20) * 8 / linkGbps ns on the wire and never arrives"
                        + " faster than line rate (0 = unlimited)");
        key("nic.dmaNanos", KeyType.DURATION, nic.dmaNanos(), List.of(),
                "fixed DMA time from detecting a packet to its descriptor being visible (part of the dma stage)");
        key("nic.dmaPicosPerByte", KeyType.COUNT, nic.dmaPicosPerByte(), List.of(),
                "DMA time per frame byte on top of dmaNanos, in picoseconds");
        key("nic.queues", KeyType.POSITIVE_COUNT, nic.queues(), List.of(),
                "RX queues, each with its own descriptor ring, interrupt vector and policy instance; flows are spread"
                        + " over them by RSS (Toeplitz hash of the 5-tuple, 128-entry indirection table)");
        key("nic.ringSlots", KeyType.COUNT, nic.ringSlots(), List.of(),
                "descriptors per RX ring (0 = unlimited); the host returns slots with a refill doorbell every 16"
                        + " packets, a packet finding its ring full is dropped as ring-full");
        key("nic.writeBackDescriptors", KeyType.POSITIVE_COUNT, nic.writeBackDescriptors(), List.of(),
                "descriptors the NIC writes back to the host in one burst, one journal record (1 = each as its DMA"
                        + " completes); a burst is written back when full, when nic.writeBackNanos passed since its"
                        + " first descriptor, and before any interrupt of its queue; pollers see a packet only once"
                        + " its burst is written back, and the wait is the writeBack stage");
        key("nic.writeBackNanos", KeyType.DURATION, nic.writeBackNanos(), List.of(),
                "write-back timer: a burst that does not fill is written back this long after its first"
                        + " descriptor's DMA (Intel's ITR-driven write-back; used when nic.writeBackDescriptors > 1)");

        FirmwareConfig firmware = FirmwareConfig.DEFAULTS;
        key("firmware.policy", KeyType.NAME, firmware.policy(), PolicyFactory.NAMES,
                "how the NIC and the driver notify: " + String.join(", ", PolicyFactory.NAMES));
        key("firmware.pollIntervalNanos", KeyType.DURATION, firmware.pollIntervalNanos(), List.of(),
                "how often the firmware polls its MAC for arrivals (0 = continuously); the wait is the detect stage");
        key("firmware.rxUsecs", KeyType.COUNT, (int) firmware.rxUsecs(), List.of(),
                "coalesce: microseconds from the first un-notified packet to the interrupt (0 = no timer)");
        key("firmware.rxFrames", KeyType.COUNT, firmware.rxFrames(), List.of(),
                "coalesce: un-notified packets that raise an interrupt (0 = no frame count)");
        key("firmware.timerMode", KeyType.NAME, firmware.timerMode(), PolicyFactory.TIMER_MODES,
                "coalesce: eqe starts the timer at the first completion, cqe restarts it on every completion");
        key("firmware.itrNanos", KeyType.DURATION, firmware.itrNanos(), List.of(),
                "coalesce: minimum gap between two interrupts (ITR; 0 = none)");
        key("firmware.budget", KeyType.POSITIVE_COUNT, firmware.budget(), List.of(),
                "napi, napi-defer, irq-suspend: most packets per poll (NAPI weight)");
        key("firmware.deferHardIrqs", KeyType.COUNT, firmware.deferHardIrqs(), List.of(),
                "napi-defer, irq-suspend: empty polls (one per groFlushTimeoutNanos) before the IRQ is re-armed");
        key("firmware.groFlushTimeoutNanos", KeyType.DURATION, firmware.groFlushTimeoutNanos(), List.of(),
                "napi-defer, irq-suspend: the deferral timer between those polls");
        key("firmware.irqSuspendTimeoutNanos", KeyType.DURATION, firmware.irqSuspendTimeoutNanos(), List.of(),
                "irq-suspend: safety net re-enabling IRQs if the busy-polling application stalls");
        key("firmware.busyPollNanos", KeyType.DURATION, firmware.busyPollNanos(), List.of(),
                "irq-suspend: how long the application busy-polls finding nothing before it sleeps and the"
                        + " suspension ends (epoll's busy_poll_usecs; 0: at the first empty poll)");
        key("firmware.dimMode", KeyType.NAME, firmware.dimMode(), PolicyFactory.TIMER_MODES,
                "dim: the EQE or CQE profile table (and timer mode)");
        key("firmware.itrMode", KeyType.NAME, firmware.itrMode(), PolicyFactory.ITR_MODES,
                "adaptive-itr: e1000e dynamic-conservative (no lowest-latency class) or dynamic");
        key("firmware.burst", KeyType.POSITIVE_COUNT, firmware.burst(), List.of(),
                "poll-mode, hybrid-poll: most packets per poll (rte_eth_rx_burst)");
        key("firmware.hybridPauseAfterEmptyPolls", KeyType.COUNT, firmware.hybridPauseAfterEmptyPolls(), List.of(),
                "hybrid-poll: empty polls in a row before pausing between polls");
        key("firmware.hybridSleepAfterEmptyPolls", KeyType.POSITIVE_COUNT, firmware.hybridSleepAfterEmptyPolls(),
                List.of(), "hybrid-poll: empty polls in a row before arming the interrupt and sleeping");
        key("firmware.hybridPauseNanos", KeyType.DURATION, firmware.hybridPauseNanos(), List.of(),
                "hybrid-poll: the pause between polls");
        key("firmware.hybridSleepTimeoutNanos", KeyType.DURATION, firmware.hybridSleepTimeoutNanos(), List.of(),
                "hybrid-poll: longest sleep waiting for the interrupt");

        key("host.consumer", KeyType.NAME_LIST, Consumers.BASE, Consumers.NAMES,
                "consumer(s) under test, run one after another; the default is the four base consumers, each one thread"
                        + " draining the ring: " + String.join(", ", Consumers.BASE)
                        + "; optional, one thread per RX queue waiting in the kernel as a user-space driver does"
                        + " (epoll_wait on an eventfd the interrupt path writes, Linux): "
                        + String.join(", ", Consumers.KERNEL)
                        + "; shapes whose driver hands packets to other threads: "
                        + String.join(", ", Consumers.DISPATCHING));
        key("host.handler", KeyType.CLASS_NAME, "", List.of(),
                "the class of your own packet handler (io.nicsim.handler.PacketHandler or AsyncPacketHandler), loaded"
                        + " only from the jars given with --handler-jar (a scenario alone never loads code; its"
                        + " constructor runs once when checked, before anything runs); in virtual time a probe"
                        + " measures it first and the host model charges its CPU and blocking per packet; empty: the"
                        + " built-in work model of host.handlerWorkNanos and host.handlerBlockNanos");
        key("host.handlerWorkNanos", KeyType.DURATION, 0L, List.of(), "CPU work of the handler per packet (busy spin)");
        key("host.handlerBlockNanos", KeyType.DURATION, 0L, List.of(),
                "blocking wait of the handler per packet, after its CPU work, as a call to a slow service: threads"
                        + " park, busy-poll spins, event loops set a timer and handle other packets meanwhile");
        key("host.workers", KeyType.COUNT, 0, List.of(),
                "platform-pool threads, event-loops loops, virtual-thread-verticles verticles (0 = one per core)");
        key("host.socketSlots", KeyType.POSITIVE_COUNT, ShapeConfig.DEFAULTS.socketSlots(), List.of(),
                "packets each application buffer holds (a flow's socket, a loop's queue, a pool's tasks) in shapes"
                        + " that hand packets to other threads; beyond it the driver drops them as socket-full");
        key("host.placement", KeyType.NAME, HostConfig.PLACEMENT_AUTO, HostConfig.PLACEMENTS,
                "where busy loops run: shared (device and interrupt path on one spinning thread), separate (a thread"
                        + " each), auto (shared below 4 cores)");
        key("host.deviceIdle", KeyType.NAME, IdleStrategies.BUSY_SPIN, IdleStrategies.NAMES,
                "how the device thread waits between duty cycles");
        key("host.dispatcherIdle", KeyType.NAME, IdleStrategies.BUSY_SPIN, IdleStrategies.NAMES,
                "how the interrupt-path thread waits, when placement is separate");
        key("host.pinning", KeyType.NAME, HostConfig.PINNING_AUTO, HostConfig.PINNINGS,
                "pin the device loop, the interrupt path and the consumer's thread to cores of their own (CPU 0 left"
                        + " to the OS), from 4 cores: auto (where the affinity library can), on (a refused pin fails"
                        + " the run), off; below 4 cores every setting runs unpinned; summary.json says where each"
                        + " thread ran (runs[].placement)");

        key("run.duration", KeyType.DURATION, 5_000_000_000L, List.of(),
                "measured traffic time per consumer, over all its rounds");
        key("run.warmup", KeyType.DURATION, 1_000_000_000L, List.of(),
                "traffic before the measured time of each consumer run (each round's); counted, not recorded");
        key("run.rounds", KeyType.POSITIVE_COUNT, RunConfig.DEFAULT_ROUNDS, List.of(),
                "paced: each consumer's measured time is played in this many rounds, the study's runs interleaved in"
                        + " an order that rotates every round (each run has its own warm-up); figures are the median"
                        + " over rounds with their range, histograms pooled");
        key("run.jitWarmup", KeyType.DURATION, RunConfig.DEFAULT_JIT_WARMUP_NANOS, List.of(),
                "paced: before the measured rounds, an uncounted warm-up round plays every run in short passes until"
                        + " the JIT compiler is quiet and each run's median is stable, for at most this long"
                        + " (0 = none)");
        key("run.drainTimeout", KeyType.DURATION, 1_000_000_000L, List.of(),
                "how long to wait after traffic ends for packets still in flight");
        key("run.queueStaging", KeyType.NAME, RunConfig.STAGING_AUTO,
                List.of(RunConfig.STAGING_AUTO, RunConfig.STAGING_NONE),
                "auto: write the live Chronicle queues to /dev/shm (no file-system stalls in the figures) and move"
                        + " them into the run folder afterwards; none: write them in the run folder directly");
        key("run.memoryProbeWaiters", KeyType.COUNT, RunConfig.MEMORY_PROBE_DEFAULT_WAITERS, List.of(),
                "platform threads a separate JVM parks after each run to measure memory per waiting consumer (virtual"
                        + " threads 10x, event-loop callbacks 100x as many; 0 = skip)");
        key("run.clock", KeyType.NAME, RunConfig.CLOCK_PACED, List.of(RunConfig.CLOCK_PACED, RunConfig.CLOCK_VIRTUAL),
                "paced: hardware in the loop, the device paced by the wall clock and real consumer threads; virtual:"
                        + " the device and a model of the host (run.hostModel) in one discrete-event loop over model"
                        + " time, as fast as the CPU allows and deterministic for a seed");
        key("run.hostModel", KeyType.PATH, "", List.of(),
                "virtual: the host model file (YAML or JSON: cores, interrupt delivery, wake-up latency and driver"
                        + " costs per consumer kind); empty: the built-in model, calibrated on a 2-vCPU Intel Xeon VM");
        key("run.keepJournal", KeyType.NAME, RunConfig.KEEP_JOURNAL_AUTO, List.of(RunConfig.KEEP_JOURNAL_AUTO,
                        RunConfig.KEEP_JOURNAL_ALWAYS, RunConfig.KEEP_JOURNAL_NEVER),
                "whether each run's Chronicle journal (descriptors, interrupts, doorbells; what nicsim inspect reads)"
                        + " stays in its run folder: auto keeps it for paced runs of nicsim run and compare, none for"
                        + " sweep and tune points or virtual runs; always keeps every run's (--keep-journal; virtual"
                        + " runs then write one); never keeps none. Two-process runs (nicsim nic, host) always keep"
                        + " theirs: it is how they talk");
        key("run.stallTimeout", KeyType.DURATION, TwoProcessConfig.DEFAULT_STALL_TIMEOUT_NANOS, List.of(),
                "two processes (nicsim nic, nicsim host): a host that hears no heartbeat from the NIC for this long"
                        + " reports it stalled, writes a partial summary and exits 3");
        key("run.attachTimeout", KeyType.DURATION, TwoProcessConfig.DEFAULT_ATTACH_TIMEOUT_NANOS, List.of(),
                "two processes: how long the NIC waits for a host to attach, and a host for the NIC to start the"
                        + " traffic, before giving up (exit 3)");
    }

    private ScenarioKeys() {
    }

    private static void key(String path, KeyType type, Object defaultValue, List<String> allowed, String doc) {
        KEYS.put(path, new ScenarioKey(path, type, defaultValue,
                Collections.unmodifiableSet(new LinkedHashSet<>(allowed)), doc));
    }

    /** @return the key, or null if none has this path */
    public static ScenarioKey get(String path) {
        return KEYS.get(path);
    }

    /** @return every key in documentation order */
    public static Iterable<ScenarioKey> all() {
        return KEYS.values();
    }

    /** @return every key path, for suggestions */
    public static Set<String> paths() {
        return KEYS.keySet();
    }

    /** @return a mutable map of every key's default */
    static Map<String, Object> defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        KEYS.values().forEach(key -> values.put(key.path(), key.defaultValue()));
        return values;
    }
}
