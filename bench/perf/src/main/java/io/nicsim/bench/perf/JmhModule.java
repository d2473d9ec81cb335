package io.nicsim.bench.perf;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the jmh module's build is: JMH and the micro-benchmarks run from there in JVMs of their own, never on the
 * CLI's class path. The launcher names nicsim's folder in {@value #HOME_PROPERTY}; without it, the working folder
 * or its parents are searched.
 */
public final class JmhModule {

    /** System property holding nicsim's folder; the launcher sets it. */
    public static final String HOME_PROPERTY = "nicsim.home";
    /** The jmh module's main that runs one benchmark class with short settings. */
    public static final String SHORT_RUN = "io.nicsim.bench.jmh.ShortRun";
    /** JMH's own command line. */
    public static final String JMH_MAIN = "org.openjdk.jmh.Main";

    private static final String TARGET = "bench/jmh/target";

    private JmhModule() {
    }

    /**
     * @return the class path of the jmh module's jar and its libraries
     * @throws IllegalStateException if the module was not built
     */
    public static String classPath() {
        Path target = home().resolve(TARGET);
        Path jar = target.resolve("nicsim-jmh.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the JMH benchmarks are not built (no " + jar + "): run 'mvn -B -DskipTests"
                    + " package' in " + home());
        }
        return jar + File.pathSeparator + target.resolve("lib") + File.separator + "*";
    }

    /** @return nicsim's folder: {@value #HOME_PROPERTY}, else the working folder or the parent holding bench/jmh */
    public static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) {
            return Path.of(home);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(TARGET).getParent())) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }
}
