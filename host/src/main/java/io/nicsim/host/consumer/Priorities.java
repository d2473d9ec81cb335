package io.nicsim.host.consumer;

/** How consumer shapes treat high-priority packets, as the report words it. */
public final class Priorities {

    /** One thread drains the ring in arrival order: a high-priority packet waits behind everything before it. */
    public static final String IN_ORDER = "no: one thread drains the ring in arrival order";
    /** Each flow's thread handles its flow in order; the scheduler does not know which packet matters. */
    public static final String PER_FLOW = "no: each flow's thread handles its packets in order";
    /** Virtual threads have no priority ({@code Thread.setPriority} is ignored for them). */
    public static final String VIRTUAL = "no: virtual threads have no priority (setPriority is ignored)";
    /** A pool whose queue orders tasks by class, high first. */
    public static final String POOL_QUEUE = "yes: the pool's queue hands out high-priority packets first";
    /** An event loop with a high and a low queue, the high one served first. */
    public static final String LOOP_QUEUES = "yes: each loop serves its high-priority queue first";

    private Priorities() {
    }

    /**
     * @return whether this JVM passes Java thread priorities to the OS: on Linux HotSpot ignores them unless
     *         started with {@code -XX:ThreadPriorityPolicy=1} as root, so a "higher priority thread" is not one
     */
    public static String javaThreadPriorities() {
        String policy;
        try {
            policy = java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("ThreadPriorityPolicy").getValue();
        } catch (RuntimeException e) {
            return "unknown on this JVM";
        }
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        return linux && "0".equals(policy)
                ? "ignored (Linux, -XX:ThreadPriorityPolicy=0): Thread.setPriority changes nothing the scheduler sees"
                : "passed to the OS (ThreadPriorityPolicy=" + policy + ")";
    }
}
