package io.nicsim.nic.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads a trace file by its content: a classic pcap if it opens with a pcap magic number, else a CSV trace (unless
 * its name says pcap). A pcapng file is refused with a hint. Errors name the file and the line or packet.
 */
public final class TraceFiles {

    private static final int PCAPNG_MAGIC = 0x0A0D0D0A;

    private TraceFiles() {
    }

    /** @throws IllegalArgumentException "FILE[:LINE]: what is wrong" */
    public static Trace load(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(file + ": not a valid path");
        }
        try {
            if (Files.isDirectory(path)) {
                throw new IllegalArgumentException(file + ": is a folder, not a trace file");
            }
            int magic = magic(path);
            if (magic == PCAPNG_MAGIC) {
                throw new IllegalArgumentException(file + ": a pcapng file; only classic pcap is read (convert it with"
                        + " 'editcap -F pcap IN OUT')");
            }
            if (isPcapMagic(magic)) {
                return TracePcap.read(path);
            }
            String lower = file.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".pcap") || lower.endsWith(".cap")) {
                throw new IllegalArgumentException(file + ": not a classic pcap file (it does not open with a pcap"
                        + " magic number)");
            }
            return TraceCsv.read(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(file + ": permission denied");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** @return the first four bytes, big-endian, or 0 for a shorter file */
    private static int magic(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] b = in.readNBytes(4);
            return b.length < 4 ? 0 : (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
        }
    }

    /** Microsecond and nanosecond pcap magics, in both byte orders. */
    static boolean isPcapMagic(int magic) {
        return magic == 0xA1B2C3D4 || magic == 0xD4C3B2A1 || magic == 0xA1B23C4D || magic == 0x4D3CB2A1;
    }
}
