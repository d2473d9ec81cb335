package io.nicsim.bench.dashboard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link RunLauncher} that starts nothing: it records each command and says it runs until stopped. */
final class FakeLauncher implements RunLauncher {

    /** One recorded command. */
    static final class Launch implements Launched {
        final List<String> args;
        final Path log;
        volatile boolean stopped;

        Launch(List<String> args, Path log) {
            this.args = args;
            this.log = log;
        }

        @Override
        public long pid() {
            return 4242;
        }

        @Override
        public Integer exitCode() {
            return stopped ? 130 : null;
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    final List<Launch> launched = new ArrayList<>();

    @Override
    public synchronized Launched launch(List<String> args, Path log) {
        Launch launch = new Launch(args, log);
        launched.add(launch);
        return launch;
    }

    synchronized Launch last() {
        return launched.getLast();
    }
}
