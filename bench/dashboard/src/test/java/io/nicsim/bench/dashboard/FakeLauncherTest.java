package io.nicsim.bench.dashboard;

/** The tests' fake keeps the launcher's contract. */
class FakeLauncherTest extends RunLauncherContract {

    @Override
    RunLauncher launcher() {
        return new FakeLauncher();
    }
}
