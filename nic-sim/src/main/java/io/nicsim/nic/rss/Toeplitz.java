package io.nicsim.nic.rss;

/**
 * The Toeplitz hash of receive-side scaling (Microsoft RSS, "RSS Hashing Functions"; Intel 82599 datasheet
 * 7.1.2.8): for every set bit {@code i} of the input, counted from the most significant bit of its first byte,
 * the 32 key bits starting at bit {@code i} are XORed into the result. The input of an IPv4 hash is the source
 * address, destination address, then (TCP or UDP) source port and destination port, all in network byte order.
 * Precomputes, per input byte position, the contribution of each of the 256 byte values, so a 12-byte hash is 12
 * table reads and allocates nothing.
 */
public final class Toeplitz {

    /** The 40-byte key of Microsoft's RSS verification suite, the default of many NIC drivers. */
    private static final byte[] MICROSOFT_KEY = {
            (byte) 0x6d, (byte) 0x5a, (byte) 0x56, (byte) 0xda, (byte) 0x25, (byte) 0x5b, (byte) 0x0e, (byte) 0xc2,
            (byte) 0x41, (byte) 0x67, (byte) 0x25, (byte) 0x3d, (byte) 0x43, (byte) 0xa3, (byte) 0x8f, (byte) 0xb0,
            (byte) 0xd0, (byte) 0xca, (byte) 0x2b, (byte) 0xcb, (byte) 0xae, (byte) 0x7b, (byte) 0x30, (byte) 0xb4,
            (byte) 0x77, (byte) 0xcb, (byte) 0x2d, (byte) 0xa3, (byte) 0x80, (byte) 0x30, (byte) 0xf2, (byte) 0x0c,
            (byte) 0x6a, (byte) 0x42, (byte) 0xb7, (byte) 0x3b, (byte) 0xbe, (byte) 0xac, (byte) 0x01, (byte) 0xfa};

    /** Bytes of an IPv4 source and destination address plus two ports: the longest input hashed here. */
    private static final int IPV4_PORTS_INPUT_BYTES = 12;

    private final byte[] key;
    /** {@code table[position][value]}: what an input byte of {@code value} at {@code position} XORs into the hash. */
    private final int[][] table;

    /** @param key at least 16 bytes (an input byte at position p needs key bits p*8 .. p*8+39) */
    public Toeplitz(byte[] key) {
        if (key.length < IPV4_PORTS_INPUT_BYTES + 4) {
            throw new IllegalArgumentException("an RSS key needs at least 16 bytes, found " + key.length);
        }
        this.key = key.clone();
        int positions = key.length - 4;
        table = new int[positions][256];
        for (int position = 0; position < positions; position++) {
            for (int value = 0; value < 256; value++) {
                int result = 0;
                for (int bit = 0; bit < 8; bit++) {
                    if ((value & (0x80 >>> bit)) != 0) {
                        result ^= keyWindow(position * 8 + bit);
                    }
                }
                table[position][value] = result;
            }
        }
    }

    /** @return a Toeplitz hash with Microsoft's verification key */
    public static Toeplitz microsoft() {
        return new Toeplitz(MICROSOFT_KEY);
    }

    /** @return a copy of Microsoft's 40-byte verification key */
    public static byte[] microsoftKey() {
        return MICROSOFT_KEY.clone();
    }

    /** @return the 32 key bits starting at bit {@code from} (bit 0 = most significant bit of key byte 0) */
    private int keyWindow(int from) {
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            int index = from / 8 + i;
            bits = bits << 8 | (index < key.length ? key[index] & 0xFF : 0);
        }
        return (int) (bits >>> (8 - from % 8));
    }

    /** @return the hash of {@code length} bytes of {@code input} (at most the key length minus 4) */
    public int hash(byte[] input, int length) {
        if (length > table.length) {
            throw new IllegalArgumentException("the key hashes at most " + table.length + " bytes, asked " + length);
        }
        int result = 0;
        for (int i = 0; i < length; i++) {
            result ^= table[i][input[i] & 0xFF];
        }
        return result;
    }

    /** @return the IPv4 2-tuple hash (Microsoft's "IPv4" column): source and destination address */
    public int ipv4(int sourceIp, int destinationIp) {
        return word(0, sourceIp) ^ word(4, destinationIp);
    }

    /** @return the IPv4 4-tuple hash of TCP or UDP (Microsoft's "IPv4 with TCP" column): addresses, then ports */
    public int ipv4WithPorts(int sourceIp, int destinationIp, int sourcePort, int destinationPort) {
        return word(0, sourceIp) ^ word(4, destinationIp) ^ word(8, sourcePort << 16 | destinationPort & 0xFFFF);
    }

    private int word(int position, int value) {
        return table[position][value >>> 24] ^ table[position + 1][(value >>> 16) & 0xFF]
                ^ table[position + 2][(value >>> 8) & 0xFF] ^ table[position + 3][value & 0xFF];
    }
}
