package io.nicsim.bench.cli;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users' handler jars, made by a test from source (javax.tools, java.util.jar), so no binary is committed:
 * {@code handlers.jar} holds the handlers of package {@code com.example}, good and bad; {@code deps.jar} holds
 * {@code com.example.dep}, the classes some of them need, so a test can leave it out.
 *
 * @param handlers the jar of the handlers
 * @param deps     the jar of what some need
 */
public record TestHandlerJars(Path handlers, Path deps) {

    /** System property the good handlers' constructor counts its instances in. */
    public static final String MADE = "nicsim.test.handler.made";
    /** System property it writes its class loader's name into. */
    public static final String LOADER = "nicsim.test.handler.loader";
    /** CPU time (of its own thread) {@code Spinning} burns per packet. */
    public static final long SPIN_NANOS = 20_000;
    /** Bytes it allocates per packet. */
    public static final int ALLOCATED_BYTES = 4096;

    private static final Map<String, String> SOURCES = Map.ofEntries(
            Map.entry("com.example.Spinning", """
                    package com.example;
                    import io.nicsim.handler.Packet;
                    import io.nicsim.handler.PacketHandler;
                    import java.lang.management.ManagementFactory;
                    import java.lang.management.ThreadMXBean;
                    /** Parses the packet's flow, then burns CPU of its own thread and allocates a buffer. */
                    public class Spinning implements PacketHandler {
                        static volatile Object sink;
                        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                        public Spinning() {
                            synchronized (Spinning.class) {
                                System.setProperty("%s", String.valueOf(Integer.getInteger("%s", 0) + 1));
                                System.setProperty("%s", String.valueOf(getClass().getClassLoader().getName()));
                            }
                        }
                        @Override
                        public void handle(Packet packet) {
                            byte[] copy = new byte[%d];
                            packet.bytes().get(0, copy, 0, Math.min(copy.length, packet.bytes().limit()));
                            sink = copy;
                            long start = threads.getCurrentThreadCpuTime();
                            while (threads.getCurrentThreadCpuTime() - start < %dL) {
                                Thread.onSpinWait();
                            }
                        }
                    }
                    """.formatted(MADE, MADE, LOADER, ALLOCATED_BYTES, SPIN_NANOS)),
            Map.entry("com.example.NotAHandler", """
                    package com.example;
                    public class NotAHandler implements Runnable {
                        public void run() {
                        }
                    }
                    """),
            Map.entry("com.example.AbstractHandler", """
                    package com.example;
                    public abstract class AbstractHandler implements io.nicsim.handler.PacketHandler {
                    }
                    """),
            Map.entry("com.example.NeedsArgument", """
                    package com.example;
                    public class NeedsArgument implements io.nicsim.handler.PacketHandler {
                        public NeedsArgument(String config) {
                        }
                        public void handle(io.nicsim.handler.Packet packet) {
                        }
                    }
                    """),
            Map.entry("com.example.FailingConstructor", """
                    package com.example;
                    public class FailingConstructor implements io.nicsim.handler.PacketHandler {
                        public FailingConstructor() {
                            throw new IllegalStateException("cannot reach the config service at db.example:5432");
                        }
                        public void handle(io.nicsim.handler.Packet packet) {
                        }
                    }
                    """),
            Map.entry("com.example.FailingStatic", """
                    package com.example;
                    public class FailingStatic implements io.nicsim.handler.PacketHandler {
                        static final int LICENCE = check();
                        static int check() {
                            throw new IllegalStateException("no licence key in NICSIM_LICENCE");
                        }
                        public void handle(io.nicsim.handler.Packet packet) {
                        }
                    }
                    """),
            Map.entry("com.example.MissingParent", """
                    package com.example;
                    public class MissingParent extends com.example.dep.BaseHandler {
                    }
                    """),
            Map.entry("com.example.MissingHelper", """
                    package com.example;
                    public class MissingHelper implements io.nicsim.handler.PacketHandler {
                        private final Object helper;
                        public MissingHelper() {
                            helper = new com.example.dep.Helper();
                        }
                        public void handle(io.nicsim.handler.Packet packet) {
                        }
                    }
                    """),
            Map.entry("com.example.dep.BaseHandler", """
                    package com.example.dep;
                    public class BaseHandler implements io.nicsim.handler.PacketHandler {
                        public void handle(io.nicsim.handler.Packet packet) {
                        }
                    }
                    """),
            Map.entry("com.example.dep.Helper", """
                    package com.example.dep;
                    public class Helper {
                    }
                    """));

    /** Compiles the handlers against this class path into {@code dir}, and jars them. */
    public static TestHandlerJars make(Path dir) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none", "-nowarn"));
        for (Map.Entry<String, String> source : SOURCES.entrySet()) {
            Path file = sources.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int code = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(code).as("javac: %s", diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        return new TestHandlerJars(jar(classes, "com/example/dep/", false, dir.resolve("handlers.jar")),
                jar(classes, "com/example/dep/", true, dir.resolve("deps.jar")));
    }

    /** @return a jar of the class files under {@code classes} that are ({@code inside}) or are not in {@code prefix} */
    private static Path jar(Path classes, String prefix, boolean inside, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> paths = Files.walk(classes)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(path).toString().replace('\\', '/');
                if (name.startsWith(prefix) == inside) {
                    out.putNextEntry(new JarEntry(name));
                    out.write(Files.readAllBytes(path));
                    out.closeEntry();
                }
            }
        }
        return jar;
    }
}
