package io.nicsim.bench.scenario;

/**
 * How long each consumer's run lasts.
 *
 * @param durationNanos     measured traffic time per consumer, over all its rounds
 * @param warmupNanos       traffic before each run's (each round's) measured time, counted but not recorded
 * @param drainTimeoutNanos how long to wait for packets in flight once traffic ends
 * @param queueStaging      where live queues go: {@code auto} (memory, moved to the run folder after) or {@code none}
 * @param memoryProbeWaiters waiting consumers a probe JVM parks to measure memory per waiting consumer (0 = none)
 * @param clock             {@code paced} (the device paced by the wall clock, real host threads) or {@code virtual}
 *                          (device and a host model in one discrete-event loop over model time)
 * @param hostModel         virtual: the host model file, empty for the built-in one
 * @param keepJournal       whether each run's Chronicle journal stays in its run folder: {@code auto} (the command
 *                          decides, {@link #keepsJournal}), {@code always} or {@code never}
 * @param rounds            paced: how many rounds each consumer's measured time is split into
 * @param jitWarmupNanos    paced: the longest the uncounted JIT warm-up round may last (0 = none)
 */
public record RunConfig(long durationNanos, long warmupNanos, long drainTimeoutNanos, String queueStaging,
                        int memoryProbeWaiters, String clock, String hostModel, String keepJournal, int rounds,
                        long jitWarmupNanos) {

    /** Rounds of a study by default: a median and a range need three. */
    public static final int DEFAULT_ROUNDS = 3;
    /** The JIT warm-up round's cap by default. */
    public static final long DEFAULT_JIT_WARMUP_NANOS = 20_000_000_000L;

    /** A single-round run without a JIT warm-up round (tools that run one run at a time). */
    public RunConfig(long durationNanos, long warmupNanos, long drainTimeoutNanos, String queueStaging,
                     int memoryProbeWaiters, String clock, String hostModel, String keepJournal) {
        this(durationNanos, warmupNanos, drainTimeoutNanos, queueStaging, memoryProbeWaiters, clock, hostModel,
                keepJournal, 1, 0);
    }

    /** @return how many rounds the study plays: {@link #rounds}, or 1 in virtual time (a rerun gives the same) */
    public int roundsPlayed() {
        return virtual() ? 1 : rounds;
    }

    /** Hardware in the loop: the device paced by the wall clock, real host threads. */
    public static final String CLOCK_PACED = "paced";
    /** Virtual time: the device and a host model in one discrete-event loop. */
    public static final String CLOCK_VIRTUAL = "virtual";

    /** @return whether this run is in virtual time */
    public boolean virtual() {
        return CLOCK_VIRTUAL.equals(clock);
    }

    /**
     * The journal is kept where it is commonly read: paced runs of {@code nicsim run} and {@code compare} ({@code
     * nicsim inspect} reads it); sweep and tune points and virtual runs keep none.
     */
    public static final String KEEP_JOURNAL_AUTO = "auto";
    /** Every run keeps its journal, virtual runs and sweep and tune points too ({@code --keep-journal}). */
    public static final String KEEP_JOURNAL_ALWAYS = "always";
    /** No run keeps its journal (a paced run still writes it in staging while it runs, then deletes it). */
    public static final String KEEP_JOURNAL_NEVER = "never";

    /**
     * Whether a run keeps its Chronicle journal in its run folder (and a virtual run writes one at all). Trade-off of
     * {@code auto}: a paced default study's folder holds hundreds of MB of journal that only {@code nicsim inspect}
     * reads, so commands that make many runs keep none.
     *
     * @param commandKeeps what the command does under {@code auto}: true for {@code run} and {@code compare}, false
     *                     for sweep and tune points
     */
    public boolean keepsJournal(boolean commandKeeps) {
        return switch (keepJournal) {
            case KEEP_JOURNAL_ALWAYS -> true;
            case KEEP_JOURNAL_NEVER -> false;
            default -> commandKeeps && !virtual();
        };
    }

    /** Live queues in memory (/dev/shm) when it can, moved into the run folder after each run. */
    public static final String STAGING_AUTO = "auto";
    /** Live queues written in the run folder directly. */
    public static final String STAGING_NONE = "none";
    /** Waiting consumers the memory probe parks by default. */
    public static final int MEMORY_PROBE_DEFAULT_WAITERS = 2_000;
}
