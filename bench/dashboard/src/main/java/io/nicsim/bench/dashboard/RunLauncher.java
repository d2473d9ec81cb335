package io.nicsim.bench.dashboard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Starts a nicsim command for the page: {@link ChildJvmLauncher} in a child JVM; tests put a fake in its place. */
public interface RunLauncher {

    /**
     * @param args the command's arguments ({@code run SCENARIO --live --out DIR --exit-with-parent})
     * @param log  where its standard output and error go
     * @return the started command
     */
    Launched launch(List<String> args, Path log) throws IOException;

    /** A started command. */
    interface Launched {
        /** @return its process id */
        long pid();

        /** @return its exit code, or null while it runs */
        Integer exitCode();

        /** Asks it to stop as Ctrl-C does (SIGTERM: it drains, writes what ran and exits 130). */
        void stop();
    }
}
