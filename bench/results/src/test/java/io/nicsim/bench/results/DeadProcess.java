package io.nicsim.bench.results;

/** A stamp of a process that ran and ended: a short-lived {@code true}, waited for. */
final class DeadProcess {

    private DeadProcess() {
    }

    static ProcessStamp stamp() throws Exception {
        Process process = new ProcessBuilder("true").start();
        ProcessStamp stamp = new ProcessStamp(process.pid(), process.toHandle().info().startInstant()
                .map(java.time.Instant::toEpochMilli).orElse(0L));
        process.waitFor();
        return stamp;
    }
}
