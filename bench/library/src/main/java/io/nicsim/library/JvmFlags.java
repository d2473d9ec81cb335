package io.nicsim.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags nicsim needs for Chronicle Queue on Java 25 (the repository's {@code jvm.options}, copied into this
 * jar at build time), and which of them a JVM lacks. Each flag is looked up by its effect (a package opened or
 * exported to the unnamed module, native access, a system property), not by the command line: a flag given in
 * {@code JDK_JAVA_OPTIONS}, an argument file or a property set in code counts as given.
 */
final class JvmFlags {

    /** The resource, beside this class, holding nicsim's jvm.options. */
    static final String RESOURCE = "jvm.options";
    private static final String ALL_UNNAMED = "ALL-UNNAMED";

    /** What a JVM has, asked per kind of flag: this JVM's ({@link #current()}) or a fake in tests. */
    interface Jvm {

        /** @return whether this JVM has {@code module} at all (a flag about a module it lacks is not needed) */
        boolean hasModule(String module);

        /** @return whether {@code module} opens {@code pkg} to the unnamed module */
        boolean opens(String module, String pkg);

        /** @return whether {@code module} exports {@code pkg} to the unnamed module */
        boolean exports(String module, String pkg);

        /** @return whether the unnamed module may call native code without a warning */
        boolean nativeAccess();

        /** @return the system property, or null */
        String property(String key);

        /** @return the JVM's command-line arguments (for flags with no effect to look at) */
        List<String> inputArguments();
    }

    private JvmFlags() {
    }

    /** @return nicsim's flags, in jvm.options' order */
    static List<String> required() {
        try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " beside " + JvmFlags.class.getName()
                        + " in nicsim's library jar: the jar was not built by nicsim's build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the arguments of a java argument file: whitespace-separated, {@code #} starts a comment */
    static List<String> parse(String argumentFile) {
        List<String> flags = new ArrayList<>();
        for (String line : argumentFile.split("\\R")) {
            int hash = line.indexOf('#');
            String text = (hash < 0 ? line : line.substring(0, hash)).trim();
            if (!text.isEmpty()) {
                flags.addAll(Arrays.asList(text.split("\\s+")));
            }
        }
        return flags;
    }

    /**
     * @throws NicsimInputException "this JVM lacks ... : FLAGS; start it with ..." if this JVM lacks any of nicsim's
     *                              flags
     */
    static void check() {
        List<String> required = required();
        String problem = problem(missing(required, current()), required);
        if (problem != null) {
            throw new NicsimInputException(problem);
        }
    }

    /** @return the one-line error for {@code missing} flags, or null if none is */
    static String problem(List<String> missing, List<String> required) {
        if (missing.isEmpty()) {
            return null;
        }
        return "this JVM lacks flags nicsim needs for Chronicle Queue: " + String.join(" ", missing)
                + "; start it with every flag of nicsim's jvm.options (in a Maven test: surefire's argLine): "
                + String.join(" ", required);
    }

    /** @return the flags of {@code flags} that {@code jvm} lacks, in their order */
    static List<String> missing(List<String> flags, Jvm jvm) {
        return flags.stream().filter(flag -> !has(flag, jvm)).toList();
    }

    private static boolean has(String flag, Jvm jvm) {
        int eq = flag.indexOf('=');
        String name = eq < 0 ? flag : flag.substring(0, eq);
        String value = eq < 0 ? "" : flag.substring(eq + 1);
        if (flag.startsWith("-D")) {
            return value.equals(jvm.property(name.substring(2)));
        }
        return switch (name) {
            case "--add-opens", "--add-exports" -> hasAccess(name.equals("--add-opens"), value, flag, jvm);
            case "--enable-native-access" -> List.of(value.split(",")).contains(ALL_UNNAMED) ? jvm.nativeAccess()
                    : jvm.inputArguments().contains(flag);
            case "--sun-misc-unsafe-memory-access" -> value.equals(jvm.property("sun.misc.unsafe.memory.access"));
            default -> jvm.inputArguments().contains(flag);
        };
    }

    /** {@code value}: {@code module/package=target,...}; only the unnamed module's access is looked at. */
    private static boolean hasAccess(boolean open, String value, String flag, Jvm jvm) {
        int slash = value.indexOf('/');
        int eq = value.indexOf('=');
        if (slash < 0 || eq < slash || !List.of(value.substring(eq + 1).split(",")).contains(ALL_UNNAMED)) {
            return jvm.inputArguments().contains(flag);
        }
        String module = value.substring(0, slash);
        String pkg = value.substring(slash + 1, eq);
        return !jvm.hasModule(module) || (open ? jvm.opens(module, pkg) : jvm.exports(module, pkg));
    }

    /** @return this JVM, as seen from the unnamed module nicsim's classes are in */
    static Jvm current() {
        Module self = JvmFlags.class.getModule();
        Module unnamed = self.isNamed() ? ClassLoader.getSystemClassLoader().getUnnamedModule() : self;
        return new Jvm() {
            @Override
            public boolean hasModule(String module) {
                return ModuleLayer.boot().findModule(module).isPresent();
            }

            @Override
            public boolean opens(String module, String pkg) {
                return ModuleLayer.boot().findModule(module).map(m -> m.isOpen(pkg, unnamed)).orElse(false);
            }

            @Override
            public boolean exports(String module, String pkg) {
                return ModuleLayer.boot().findModule(module).map(m -> m.isExported(pkg, unnamed)).orElse(false);
            }

            @Override
            public boolean nativeAccess() {
                return unnamed.isNativeAccessEnabled();
            }

            @Override
            public String property(String key) {
                return System.getProperty(key);
            }

            @Override
            public List<String> inputArguments() {
                return ManagementFactory.getRuntimeMXBean().getInputArguments();
            }
        };
    }
}
