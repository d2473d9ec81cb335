package io.nicsim.bench.dashboard;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one way a request reaches a file: a path relative to the runs folder becomes a real path under the runs folder's
 * real path, or nothing. Refused: dot segments ({@code .}, {@code ..}) and names starting with a dot (nicsim's marks,
 * the dashboard's own folder), empty segments, backslashes, control characters, a {@code %} left after decoding once
 * (double encoding), and anything whose real path (symbolic links followed) is not under the runs folder's. Every
 * refusal looks like a missing file to the caller.
 */
final class RunsPathGuard {

    private static final Pattern SEGMENT = Pattern.compile("[^/\\\\%\\p{Cntrl}]+");

    private final Path root;

    /** @param runs the runs folder (it must exist) */
    RunsPathGuard(Path runs) throws IOException {
        this.root = runs.toRealPath();
    }

    /** @return the runs folder's real path */
    Path root() {
        return root;
    }

    /**
     * @param encoded a URL path after {@code /runs/}, percent-encoded as it came
     * @return the regular file it names, or empty
     */
    Optional<Path> fileFromUrl(String encoded) {
        String decoded;
        try {
            decoded = URI.create("/" + encoded).getPath().substring(1); // percent escapes decoded once, '+' kept
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return resolve(decoded).filter(path -> Files.isRegularFile(path));
    }

    /** @return the folder {@code relative} names under the runs folder, or empty */
    Optional<Path> folder(String relative) {
        return resolve(relative).filter(path -> Files.isDirectory(path));
    }

    /** @return the regular file {@code relative} names under {@code folder} (a real path under the runs folder) */
    Optional<Path> fileIn(Path folder, String relative) {
        if (relative == null || !folder.startsWith(root)) {
            return Optional.empty();
        }
        String prefix = root.relativize(folder).toString();
        return resolve(prefix.isEmpty() ? relative : prefix + "/" + relative).filter(path -> Files.isRegularFile(path));
    }

    /** @return {@code path}'s name relative to the runs folder, '/'-separated */
    String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    /** @return the real path {@code relative} (decoded, '/'-separated) names under the runs folder, or empty */
    Optional<Path> resolve(String relative) {
        if (relative == null || relative.isEmpty()) {
            return Optional.empty();
        }
        for (String segment : relative.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.startsWith(".")) {
                return Optional.empty();
            }
        }
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root) || candidate.equals(root)) {
            return Optional.empty();
        }
        try {
            Path real = candidate.toRealPath();
            return real.startsWith(root) ? Optional.of(real) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
