package io.nicsim.bench.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The worker's side of a result: the run folder's files as a manifest (names, sizes, SHA-256), its journals
 * ({@code queues/}) left out, and the files read back in chunks. Blocking: called off the event loop.
 */
final class ResultFiles {

    private ResultFiles() {
    }

    /** @return every regular file of {@code runDir} but those under queues/, in name order, hashed */
    static List<ResultRules.FileEntry> manifest(Path runDir) throws IOException {
        List<ResultRules.FileEntry> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(runDir)) {
            for (Path path : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                String name = runDir.relativize(path).toString().replace('\\', '/');
                if (name.equals(ResultRules.QUEUES) || name.startsWith(ResultRules.QUEUES + "/")) {
                    continue;
                }
                files.add(new ResultRules.FileEntry(name, Files.size(path), sha256(path)));
            }
        }
        return files;
    }

    /** @return up to {@code maxBytes} of {@code file} from {@code offset} (fewer only at its end) */
    static byte[] read(Path file, long offset, int maxBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long left = Math.max(0, channel.size() - offset);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(maxBytes, left));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    break;
                }
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return bytes;
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
