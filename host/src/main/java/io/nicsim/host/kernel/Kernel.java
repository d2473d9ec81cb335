package io.nicsim.host.kernel;

import java.util.Locale;

/**
 * Whether this machine has the kernel wake path: Linux, and a C library with every function {@link LibC} calls. One
 * answer, one line, so a scenario asking for an epoll consumer elsewhere is refused before anything runs.
 */
public final class Kernel {

    private Kernel() {
    }

    /** @return why eventfd and epoll cannot be called here, on one line, or null if they can */
    public static String problem() {
        String osName = System.getProperty("os.name", "?");
        // the C library is looked at only on Linux
        return problem(osName, isLinux(osName) ? LibC.MISSING : java.util.List.of());
    }

    private static boolean isLinux(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** @return why not, for an operating system named {@code osName} whose C library lacks {@code missing} */
    static String problem(String osName, java.util.List<String> missing) {
        if (!isLinux(osName)) {
            return "the kernel wake path (eventfd, epoll) needs Linux; this is " + osName;
        }
        if (!missing.isEmpty()) {
            return "the C library has no " + String.join(", ", missing) + " (the kernel wake path calls eventfd and"
                    + " epoll through it)";
        }
        return null;
    }

    /** @throws UnsupportedOperationException with {@link #problem()} when the wake path is not here */
    public static void require() {
        String problem = problem();
        if (problem != null) {
            throw new UnsupportedOperationException(problem);
        }
    }
}
