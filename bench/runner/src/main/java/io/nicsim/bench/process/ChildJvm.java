package io.nicsim.bench.process;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts JVMs of nicsim's own (scale probes, memory probes, tune's replays, JMH): the same java, flags and class
 * path as this JVM, so a child sees what its parent sees. The one place child JVM command lines are built.
 */
public final class ChildJvm {

    /** System property naming the command line's main class; the CLI sets it when it starts. */
    public static final String MAIN_PROPERTY = "nicsim.main";

    private ChildJvm() {
    }

    /** @return the command that runs {@code mainClass} with {@code args} in a JVM like this one */
    public static List<String> command(String mainClass, List<String> args) {
        return command(System.getProperty("java.class.path"), mainClass, args);
    }

    /** @return the command that runs {@code mainClass} on {@code classPath} with this JVM's java and flags */
    public static List<String> command(String classPath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * @return the command that runs nicsim's command line with {@code args}, as {@code ./nicsim ARGS} would
     * @throws IllegalStateException if this JVM was not started by nicsim's command line
     */
    public static List<String> nicsim(List<String> args) {
        String main = System.getProperty(MAIN_PROPERTY);
        if (main == null) {
            throw new IllegalStateException("no " + MAIN_PROPERTY + ": only nicsim's command line starts nicsim runs");
        }
        return command(main, args);
    }
}
