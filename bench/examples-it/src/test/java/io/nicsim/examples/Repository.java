package io.nicsim.examples;

import java.nio.file.Files;
import java.nio.file.Path;

/** nicsim's repository, found from the working folder up, and the example project in it. */
final class Repository {

    /** The repository's root. */
    static final Path ROOT = find();
    /** The example project's folder. */
    static final Path EXAMPLE = ROOT.resolve("examples/handler-example");

    private Repository() {
    }

    private static Path find() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null && !Files.isRegularFile(at.resolve("examples/handler-example/pom.xml"))) {
            at = at.getParent();
        }
        if (at == null) {
            throw new IllegalStateException("no examples/handler-example above " + Path.of("").toAbsolutePath());
        }
        return at;
    }
}
