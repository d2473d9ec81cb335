package io.nicsim.bench.dashboard;

/** Stands in for nicsim's command line in a child JVM (ChildJvmLauncherTest): prints its arguments, waits to stop. */
public final class SleepingMain {

    private SleepingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("started " + String.join(" ", args));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
