package io.nicsim.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;

/**
 * Whether the local Maven repository holds this build's nicsim artifacts, the ones the example resolves from it: each
 * jar this build made (its test class path's io.nicsim entries, listed by maven-dependency-plugin) must be the one
 * installed, byte for byte, and so must the poms the example reads (nicsim's, bench's). A repository older than the
 * build (a {@code mvn verify} after an earlier install) would test the example against stale code.
 */
final class PublishedArtifacts {

    private PublishedArtifacts() {
    }

    /**
     * @param classPath  the io.nicsim entries of this module's test class path (path-separated)
     * @param repository the local repository
     * @return one line per artifact that is missing or differs (empty if all are this build's)
     */
    static List<String> stale(String classPath, Path repository) throws IOException {
        List<String> problems = new ArrayList<>();
        for (String entry : classPath.trim().split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry.trim()).toAbsolutePath().normalize();
            if (jar.startsWith(repository.toAbsolutePath().normalize())) {
                continue; // resolved from the repository itself: the example gets the same
            }
            if (!Files.isRegularFile(jar)) {
                problems.add(jar + " is not a jar: build at least to the package phase");
                continue;
            }
            String[] gav = coordinates(jar);
            Path installed = repository.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                    .resolve(gav[1] + "-" + gav[2] + ".jar");
            compare(String.join(":", gav), jar, installed, problems);
        }
        return problems;
    }

    /** Adds a problem unless the pom at {@code pom} is installed as {@code groupId:artifactId:version}. */
    static void comparePom(Path pom, String groupId, String artifactId, String version, Path repository,
                           List<String> problems) throws IOException {
        Path installed = repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + ".pom");
        compare(groupId + ":" + artifactId + ":" + version + " (pom)", pom, installed, problems);
    }

    private static void compare(String what, Path built, Path installed, List<String> problems) throws IOException {
        if (!Files.isRegularFile(installed)) {
            problems.add(what + " is not in the local repository (" + installed + ")");
        } else if (!Arrays.equals(Files.readAllBytes(built), Files.readAllBytes(installed))) {
            problems.add(what + " in the local repository (" + installed + ") is not this build's " + built);
        }
    }

    /** @return groupId, artifactId, version from the jar's META-INF/maven/.../pom.properties */
    private static String[] coordinates(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.stream().filter(e -> e.getName().startsWith("META-INF/maven/")
                    && e.getName().endsWith("/pom.properties")).findFirst()
                    .orElseThrow(() -> new IOException(jar + " has no META-INF/maven/**/pom.properties"));
            Properties properties = new Properties();
            try (InputStream in = file.getInputStream(entry)) {
                properties.load(in);
            }
            return new String[] {properties.getProperty("groupId"), properties.getProperty("artifactId"),
                properties.getProperty("version")};
        }
    }
}
