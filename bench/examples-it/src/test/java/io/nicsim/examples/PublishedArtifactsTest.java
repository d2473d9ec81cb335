package io.nicsim.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The freshness check of the local repository, on made-up jars: missing, older, the same, resolved from it. */
class PublishedArtifactsTest {

    @TempDir
    Path dir;

    private Path jar(Path at, String artifactId, String content) throws Exception {
        Files.createDirectories(at.getParent());
        try (OutputStream out = Files.newOutputStream(at); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("META-INF/maven/io.nicsim/" + artifactId + "/pom.properties"));
            jar.write(("groupId=io.nicsim\nartifactId=" + artifactId + "\nversion=1.0\n")
                    .getBytes(StandardCharsets.UTF_8));
            jar.putNextEntry(new JarEntry("content.txt"));
            jar.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return at;
    }

    private Path installed(String artifactId) {
        return dir.resolve("repo/io/nicsim/" + artifactId + "/1.0/" + artifactId + "-1.0.jar");
    }

    @Test
    void aJarInstalledAsBuiltIsFresh() throws Exception {
        Path built = jar(dir.resolve("lib/target/lib.jar"), "lib", "new");
        Files.createDirectories(installed("lib").getParent());
        Files.copy(built, installed("lib"));
        assertThat(PublishedArtifacts.stale(built.toString(), dir.resolve("repo"))).isEmpty();
    }

    @Test
    void aJarMissingFromTheRepositoryOrOlderThereIsNamed() throws Exception {
        Path missing = jar(dir.resolve("a/target/a.jar"), "a", "new");
        Path changed = jar(dir.resolve("b/target/b.jar"), "b", "new");
        jar(installed("b"), "b", "old");
        List<String> stale = PublishedArtifacts.stale(missing + File.pathSeparator + changed, dir.resolve("repo"));
        assertThat(stale).containsExactly(
                "io.nicsim:a:1.0 is not in the local repository (" + installed("a") + ")",
                "io.nicsim:b:1.0 in the local repository (" + installed("b") + ") is not this build's " + changed);
    }

    @Test
    void aJarResolvedFromTheRepositoryIsNotComparedAndClassesAreRefused() throws Exception {
        Path fromRepository = jar(installed("c"), "c", "any");
        Path classes = Files.createDirectories(dir.resolve("d/target/classes"));
        assertThat(PublishedArtifacts.stale(fromRepository + File.pathSeparator + classes, dir.resolve("repo")))
                .containsExactly(classes + " is not a jar: build at least to the package phase");
    }

    @Test
    void aPomIsComparedByItsBytes() throws Exception {
        Path pom = Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Path installed = dir.resolve("repo/io/nicsim/nicsim/1.0/nicsim-1.0.pom");
        Files.createDirectories(installed.getParent());
        Files.writeString(installed, "<project></project>");
        List<String> problems = new ArrayList<>();
        PublishedArtifacts.comparePom(pom, "io.nicsim", "nicsim", "1.0", dir.resolve("repo"), problems);
        assertThat(problems).containsExactly("io.nicsim:nicsim:1.0 (pom) in the local repository (" + installed
                + ") is not this build's " + pom);
    }
}
