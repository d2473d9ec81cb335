package io.nicsim.bench.cli;

import io.nicsim.bench.scenario.HostConfig;
import io.nicsim.host.handler.HandlerSource;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The {@code --handler-jar PATH} option, and the user's handler class it loads: the class {@code host.handler} names,
 * from those jars only (a class loader of its own whose parent is nicsim's, so the {@code io.nicsim.handler} types are
 * nicsim's), checked with {@link HandlerSource#of}, which makes one instance. Every way this can fail is one line and
 * exit 2 ({@link BadInput}) before anything runs or is written. One handler class per command: the first one loaded
 * is kept, and a run that names another is refused.
 */
public final class HandlerJars {

    /** Where the class name comes from, in errors. */
    static final String KEY = "host.handler";
    /** The option, in errors. */
    static final String FLAG = "--handler-jar";

    @Option(names = FLAG, paramLabel = "PATH",
            description = "a jar holding your packet handler (the class host.handler names) and what it needs;"
                    + " repeatable. Only these jars are searched for the class: a scenario alone never loads code."
                    + " The class's public no-argument constructor runs once when the class is checked, before"
                    + " anything runs, then once per run (in virtual time: once for the probe that measures it);"
                    + " docs/guide-scenarios.md")
    List<Path> jars = new ArrayList<>();

    private URLClassLoader loader;
    private HandlerSource source;

    /** @return whether any jar was given */
    boolean given() {
        return !jars.isEmpty();
    }

    /** @return the handler a run makes and calls, once {@link #resolve} found it; null: the built-in work model */
    HandlerSource source() {
        return source;
    }

    /**
     * The handler {@code host} names, loaded from the jars and checked (its constructor runs) the first time; the
     * same source again after.
     *
     * @return null when neither host.handler nor --handler-jar is given (the built-in work model)
     * @throws BadInput one line: a jar that is missing, a folder or no zip; host.handler without --handler-jar or
     *                  --handler-jar without host.handler; the class not in the jars, needing a class that is in none,
     *                  not a handler, abstract, without a public no-argument constructor, or whose constructor threw
     */
    HandlerSource resolve(HostConfig host) throws BadInput {
        String name = host.handler();
        if (jars.isEmpty()) {
            if (name.isEmpty()) {
                return null;
            }
            throw new BadInput(KEY + ": " + name + " names a class, but no " + FLAG + " gives its code (a scenario"
                    + " alone never loads code): add " + FLAG + " PATH, the jar that holds it");
        }
        if (name.isEmpty()) {
            throw new BadInput(FLAG + ": " + jarNames() + " given, but " + KEY + " names no class to load from it: set"
                    + " it in the scenario or with --set " + KEY + "=com.example.MyHandler");
        }
        if (source != null) {
            if (source.className().equals(name)) {
                return source;
            }
            throw new BadInput(KEY + ": one handler class per command: " + source.className() + " was loaded, and a"
                    + " run names " + name);
        }
        source = load(name);
        return source;
    }

    /**
     * Loads and checks the class {@code name} from the jars, as {@link #resolve} does, without keeping it: for
     * {@code validate}, whose files may each name another.
     *
     * @throws BadInput as {@link #resolve}
     */
    HandlerSource load(String name) throws BadInput {
        URLClassLoader jarLoader = loader();
        Class<?> type;
        try {
            type = Class.forName(name, false, jarLoader);
        } catch (ClassNotFoundException e) {
            throw new BadInput(KEY + ": " + name + " is not in the jars of " + FLAG + " (" + jarNames() + ")", e);
        } catch (LinkageError e) {
            throw new BadInput(linkage(name, e), e);
        }
        if (type.getClassLoader() != jarLoader) {
            throw new BadInput(KEY + ": " + name + " is a class of nicsim's own, not of the jars of " + FLAG + " ("
                    + jarNames() + "): name your handler's class");
        }
        try {
            return HandlerSource.of(type, KEY);
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ExceptionInInitializerError init) {
                Throwable why = init.getCause() != null ? init.getCause() : init;
                throw new BadInput(why instanceof LinkageError linkage && why != init ? linkage(name, linkage)
                        : KEY + ": the static initializer of " + name + " failed: " + HandlerSource.describe(why), e);
            }
            if (cause instanceof LinkageError linkage) { // a class the constructor needs is in no jar
                throw new BadInput(linkage(name, linkage), e);
            }
            throw new BadInput(e.getMessage(), e);
        } catch (LinkageError e) { // reflection on the class resolves the types its constructors name
            throw new BadInput(linkage(name, e), e);
        }
    }

    /** @return the line for a class that could not be linked: most often one it needs that no jar holds */
    private String linkage(String name, LinkageError error) {
        if (error instanceof NoClassDefFoundError && error.getMessage() != null) {
            return KEY + ": " + name + " needs " + error.getMessage().replace('/', '.') + ", which is in neither the"
                    + " jars of " + FLAG + " (" + jarNames() + ") nor nicsim: add the jar that holds it";
        }
        return KEY + ": cannot load " + name + " from the jars of " + FLAG + " (" + jarNames() + "): "
                + HandlerSource.describe(error);
    }

    /** The class loader over the jars, each checked to be a readable jar first. */
    URLClassLoader loader() throws BadInput {
        if (loader != null) {
            return loader;
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < jars.size(); i++) {
            urls[i] = url(jars.get(i));
        }
        loader = new URLClassLoader("nicsim-handler-jars", urls, HandlerJars.class.getClassLoader());
        return loader;
    }

    /** @throws BadInput "--handler-jar PATH: no such file" (a folder, not a zip, unreadable) */
    static URL url(Path jar) throws BadInput {
        String where = FLAG + " " + jar + ": ";
        if (Files.isDirectory(jar)) {
            throw new BadInput(where + "a folder, not a jar");
        }
        if (!Files.exists(jar)) {
            throw new BadInput(where + "no such file");
        }
        try (JarFile ignored = new JarFile(jar.toFile())) {
            return jar.toAbsolutePath().normalize().toUri().toURL();
        } catch (java.util.zip.ZipException e) {
            throw new BadInput(where + "not a jar (a zip file): " + HandlerSource.describe(e), e);
        } catch (MalformedURLException e) {
            throw new BadInput(where + "cannot name it as a URL: " + HandlerSource.describe(e), e);
        } catch (IOException | SecurityException e) {
            throw new BadInput(where + "cannot read it: " + HandlerSource.describe(e), e);
        }
    }

    private String jarNames() {
        return String.join(", ", jars.stream().map(Path::toString).toList());
    }
}
