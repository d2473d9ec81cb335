package io.nicsim.bench.run;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Moves a file so that its holes stay holes. Chronicle's queue files are sparse (a 64 MiB chunk and a 16 MiB
 * overlap of length, of which only the pages written take space); {@link Files#move} across filesystems copies them
 * whole ({@code copy_file_range} or {@code sendfile} write the holes as zeros), so a journal staged in
 * {@code /dev/shm} took its files' full length in the run folder. Here, a rename when source and target share a
 * filesystem; otherwise a copy that skips every all-zero {@value #BLOCK_BYTES}-byte block by positioning the target
 * (trade-off: the source is read whole, holes included, and a block of real zeros becomes a hole, which reads back
 * the same), then sets the target's length. The JDK offers no {@code SEEK_DATA}/{@code SEEK_HOLE}.
 */
public final class SparseFiles {

    /** The unit a hole is skipped in: the page and block size of tmpfs and ext4. */
    static final int BLOCK_BYTES = 4096;
    private static final int READ_BYTES = 1 << 20;
    private static final byte[] ZEROS = new byte[BLOCK_BYTES];

    private SparseFiles() {
    }

    /** Moves {@code source} to {@code target} (replacing it): a rename if it can, else {@link #copy} and delete. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException acrossFileSystems) {
            copy(source, target);
            Files.setLastModifiedTime(target, Files.getLastModifiedTime(source));
            Files.delete(source);
        }
    }

    /** Copies {@code source} to {@code target} (replacing it), leaving every all-zero block of the source a hole. */
    static void copy(Path source, Path target) throws IOException {
        Files.deleteIfExists(target);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             RandomAccessFile file = new RandomAccessFile(target.toFile(), "rw")) {
            FileChannel out = file.getChannel();
            byte[] bytes = new byte[READ_BYTES];
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long length = in.size();
            long position = 0;
            while (position < length) {
                buffer.clear();
                int read = in.read(buffer, position);
                if (read < 0) {
                    break;
                }
                writeData(out, bytes, read, position);
                position += read;
            }
            file.setLength(position); // a trailing hole: the length without the blocks
        }
    }

    /** Writes the runs of blocks of {@code bytes[0, read)} that are not all zero, at their place in the target. */
    private static void writeData(FileChannel out, byte[] bytes, int read, long position) throws IOException {
        int runStart = -1;
        for (int offset = 0; offset < read; offset += BLOCK_BYTES) {
            int end = Math.min(offset + BLOCK_BYTES, read);
            boolean zero = Arrays.mismatch(bytes, offset, end, ZEROS, 0, end - offset) < 0;
            if (!zero && runStart < 0) {
                runStart = offset;
            } else if (zero && runStart >= 0) {
                writeFully(out, ByteBuffer.wrap(bytes, runStart, offset - runStart), position + runStart);
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            writeFully(out, ByteBuffer.wrap(bytes, runStart, read - runStart), position + runStart);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer data, long position) throws IOException {
        long at = position;
        while (data.hasRemaining()) {
            at += out.write(data, at);
        }
    }
}
