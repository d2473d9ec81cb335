package io.nicsim.bench.dashboard;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The path guard over a runs folder with files, a dot file and links in and out: what is served, what is refused. */
class RunsPathGuardTest {

    @TempDir
    Path dir;

    private Path runs;
    private RunsPathGuard guard;

    @BeforeEach
    void folders() throws Exception {
        runs = Files.createDirectories(dir.resolve("runs"));
        Files.createDirectories(runs.resolve("a/0-busy-poll"));
        Files.writeString(runs.resolve("a/report.html"), "<html></html>");
        Files.writeString(runs.resolve("a/0-busy-poll/notification.hgrm"), "Value\n");
        Files.writeString(runs.resolve("a/.nicsim-run"), "written by nicsim\n");
        Files.writeString(dir.resolve("secret.txt"), "not served");
        Files.createSymbolicLink(runs.resolve("out"), dir);
        Files.createSymbolicLink(runs.resolve("a/inside.html"), runs.resolve("a/report.html"));
        guard = new RunsPathGuard(runs);
    }

    @Test
    void aFileUnderTheRunsFolderIsServedByItsRealPath() throws Exception {
        assertThat(guard.fileFromUrl("a/report.html")).contains(runs.resolve("a/report.html").toRealPath());
        assertThat(guard.fileFromUrl("a/0-busy-poll/notification.hgrm")).isPresent();
        assertThat(guard.fileFromUrl("a/%72eport.html")).as("an escaped letter decodes once").isPresent();
        assertThat(guard.fileFromUrl("a/inside.html")).as("a link that stays inside").isPresent();
        assertThat(guard.folder("a")).contains(runs.resolve("a").toRealPath());
    }

    @Test
    void everyWayOutOfTheRunsFolderIsRefused() {
        List<String> refused = List.of("../secret.txt", "a/../../secret.txt", "%2e%2e/secret.txt",
                "%2e%2e%2fsecret.txt", "..%2fsecret.txt", "%252e%252e/secret.txt", "..%252fsecret.txt",
                "..\\secret.txt", "..%5csecret.txt", "a/%2e%2e/%2e%2e/secret.txt", "out/secret.txt",
                "/etc/passwd", "%2fetc%2fpasswd", "//etc/passwd", "a//report.html", "a/./report.html",
                "a/report.html%00.png", "a/.nicsim-run", "a", "a/", "", "a/missing.html", "a/report.html/");
        for (String path : refused) {
            assertThat(guard.fileFromUrl(path)).as(path).isEmpty();
        }
        assertThat(guard.folder("..")).isEmpty();
        assertThat(guard.folder("out")).as("a link to a folder outside").isEmpty();
        assertThat(guard.folder(".")).isEmpty();
        assertThat(guard.folder(null)).isEmpty();
    }

    @Test
    void aFileInAFolderStaysUnderTheRunsFolder() throws Exception {
        Path run = runs.resolve("a").toRealPath();
        assertThat(guard.fileIn(run, "0-busy-poll/notification.hgrm")).isPresent();
        assertThat(guard.fileIn(run, "../../secret.txt")).isEmpty();
        assertThat(guard.fileIn(run, null)).isEmpty();
        assertThat(guard.relative(run)).isEqualTo("a");
    }
}
