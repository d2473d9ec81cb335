package io.nicsim.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A small tmpfs a test mounts (as root, as CI runs) to fill or to make read-only, and unmounts after. */
public final class Tmpfs {

    private static final long WAIT_SECONDS = 30;

    private Tmpfs() {
    }

    /**
     * Mounts a tmpfs with {@code options} (e.g. {@code size=48m}, {@code size=64k,ro}) on {@code dir}, creating it.
     *
     * @return null if it is mounted, else why not (not root, or mount's own message), for the test's assumption
     */
    public static String mount(Path dir, String options) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "mounting a tmpfs needs root (CI runs as root)";
        }
        Files.createDirectories(dir);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes());
        boolean mounted = mount.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) && mount.exitValue() == 0;
        return mounted ? null : "cannot mount a tmpfs here: " + output.strip();
    }

    /** Unmounts {@code dir} (lazily: a process still holding a file in it does not keep it mounted). */
    public static void unmount(Path dir) throws InterruptedException {
        try {
            Process umount = new ProcessBuilder("umount", "-l", dir.toString()).redirectErrorStream(true).start();
            umount.getInputStream().readAllBytes();
            umount.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (IOException e) {
            // nothing was mounted
        }
    }
}
