package io.nicsim.bench.dashboard;

import io.nicsim.bench.process.ChildJvm;
import io.nicsim.bench.run.ParentWatch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts each command as {@code ./nicsim ARGS} would, in a child JVM built by {@link ChildJvm#nicsim} (this JVM's
 * java, flags and class path), in the server's working folder, with {@value ParentWatch#PARENT_PID_ENV} naming the
 * server: with {@code --exit-with-parent} a run stops by itself when the server dies. Stop is
 * {@link Process#destroy()}, SIGTERM, which nicsim handles as Ctrl-C. Trade-off: a JVM per run costs its start (a
 * second or so) but keeps a run's threads, heap and failures out of the server, and the run is the one the command
 * line makes.
 */
public final class ChildJvmLauncher implements RunLauncher {

    @Override
    public Launched launch(List<String> args, Path log) throws IOException {
        Process process = builder(args, log).start();
        return new Launched() {
            @Override
            public long pid() {
                return process.pid();
            }

            @Override
            public Integer exitCode() {
                return process.isAlive() ? null : process.exitValue();
            }

            @Override
            public void stop() {
                process.destroy();
            }
        };
    }

    /** @return the process builder of {@code args}, its output appended to {@code log} */
    static ProcessBuilder builder(List<String> args, Path log) {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.nicsim(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put(ParentWatch.PARENT_PID_ENV, String.valueOf(ProcessHandle.current().pid()));
        return builder;
    }
}
