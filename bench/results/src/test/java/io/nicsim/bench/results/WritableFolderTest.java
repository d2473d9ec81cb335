package io.nicsim.bench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Pins that the write probe tells the OS's reason and leaves the file system as it found it. */
class WritableFolderTest {

    @TempDir
    Path parent;

    private List<String> listing() throws IOException {
        try (Stream<Path> paths = Files.walk(parent)) {
            return paths.map(path -> parent.relativize(path).toString()).sorted().toList();
        }
    }

    /**
     * nicsim nic and nicsim host given one new --dir at once each create, probe and remove it: neither may see the
     * other's folder vanish (or appear) as a problem of the folder, and no probe file stays.
     */
    @Test
    void twoProbesOfOneNewFolderAtOnceBothFindItWritable() throws Exception {
        for (int i = 0; i < 200; i++) {
            Path dir = parent.resolve("d" + i);
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.Callable<String> probe = () -> {
                start.await();
                return WritableFolder.problem(dir);
            };
            try (var threads = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                var first = threads.submit(probe);
                var second = threads.submit(probe);
                assertThat(first.get()).as("probe %d", i).isNull();
                assertThat(second.get()).as("probe %d", i).isNull();
            }
        }
        // no probe file stays; a folder may (the first probe cannot remove it while the second writes in it, and the
        // second did not make it: the two processes are about to use it anyway)
        try (Stream<Path> paths = Files.walk(parent)) {
            assertThat(paths.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void aNewFolderDeepDownIsTriedAndRemovedWithItsParents() throws IOException {
        assertThat(WritableFolder.problem(parent.resolve("a/b/c"))).isNull();
        assertThat(listing()).containsExactly("");
    }

    @Test
    void anExistingFolderKeepsWhatItHeldAndGainsNothing() throws IOException {
        Files.writeString(parent.resolve("keep.txt"), "x");
        assertThat(WritableFolder.problem(parent)).isNull();
        assertThat(listing()).containsExactly("", "keep.txt");
    }

    @Test
    void aFileWhereAFolderShouldBeIsNamed() throws IOException {
        Path file = Files.writeString(parent.resolve("a-file"), "x");
        assertThat(WritableFolder.problem(file)).isEqualTo("expected a folder, found a file");
        assertThat(WritableFolder.problem(file.resolve("sub/dir")))
                .isEqualTo("cannot create it: " + file + " is a file, not a folder");
        assertThat(listing()).containsExactly("", "a-file");
    }

    @Test
    void aFileSystemThatTakesNoFoldersIsSaidPlainly() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        assertThat(WritableFolder.problem(Path.of("/proc/nicsim-forbidden")))
                .as("root: /proc takes no folders; others: permission denied")
                .satisfiesAnyOf(
                        reason -> assertThat(reason).isEqualTo("cannot create it: the proc file system of /proc takes"
                                + " no new folders (no such file or directory)"),
                        reason -> assertThat(reason).isEqualTo("cannot create it: permission denied"));
        assertThat(Path.of("/proc/nicsim-forbidden")).doesNotExist();
    }

    @Test
    void aReadOnlyAndAFullFileSystemAreNamed() throws Exception {
        Path readOnly = Files.createDirectory(parent.resolve("ro"));
        Path full = Files.createDirectory(parent.resolve("full"));
        assumeTrue(mount(readOnly, "size=64k,ro"), "needs root to mount a tmpfs (CI runs as root)");
        try {
            assertThat(WritableFolder.problem(readOnly)).isEqualTo("cannot write in it: read-only file system");
            assertThat(WritableFolder.problem(readOnly.resolve("run")))
                    .isEqualTo("cannot create it: read-only file system");
            assumeTrue(mount(full, "size=64k"), "needs root to mount a tmpfs");
            Files.write(full.resolve("filler"), new byte[64 * 1024]);
            assertThat(WritableFolder.problem(full)).isEqualTo("cannot write in it: no space left on device");
            assertThat(WritableFolder.problem(full.resolve("run")))
                    .isEqualTo("cannot write in it: no space left on device");
            assertThat(full.resolve("run")).as("the probe removed the folder it made").doesNotExist();
        } finally {
            unmount(full);
            unmount(readOnly);
        }
    }

    @Test
    void reasonsAreTheOsWordsNotABarePath() {
        assertThat(WritableFolder.reason(new AccessDeniedException("/x"))).isEqualTo("permission denied (/x)");
        assertThat(WritableFolder.reason(new FileSystemException("/x", null, "Read-only file system")))
                .isEqualTo("read-only file system (/x)");
        assertThat(WritableFolder.reason(new NoSuchFileException("/x"))).isEqualTo("no such folder (/x)");
        assertThat(WritableFolder.reason(new IOException("No space left on device")))
                .isEqualTo("no space left on device");
    }

    /** @return whether a tmpfs with these options is mounted on {@code dir} (false when not root or not Linux) */
    static boolean mount(Path dir, String options) throws InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        try {
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            mount.getInputStream().readAllBytes();
            return mount.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static void unmount(Path dir) throws InterruptedException {
        try {
            Process umount = new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start();
            umount.getInputStream().readAllBytes();
            umount.waitFor();
        } catch (IOException e) {
            // nothing was mounted
        }
    }
}
