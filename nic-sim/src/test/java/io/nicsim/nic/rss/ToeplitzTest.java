package io.nicsim.nic.rss;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Microsoft's RSS verification suite ("Verifying the RSS Hash Calculation", the same table as Intel 82599 datasheet
 * 7.1.2.8.3): the IPv4 hash and the IPv4-with-TCP hash of five address and port pairs under the 40-byte
 * verification key.
 */
class ToeplitzTest {

    private static int ip(String dotted) {
        String[] parts = dotted.split("\\.");
        return Integer.parseInt(parts[0]) << 24 | Integer.parseInt(parts[1]) << 16 | Integer.parseInt(parts[2]) << 8
                | Integer.parseInt(parts[3]);
    }

    @ParameterizedTest(name = "{0}:{1} -> {2}:{3}")
    @CsvSource({
            "66.9.149.187, 2794, 161.142.100.80, 1766, 323e8fc2, 51ccc178",
            "199.92.111.2, 14230, 65.69.140.83, 4739, d718262a, c626b0ea",
            "24.19.198.95, 12898, 12.22.207.184, 38024, d2d0a5de, 5c2b394a",
            "38.27.205.30, 48228, 209.142.163.6, 2217, 82989176, afc7327f",
            "153.39.163.191, 44251, 202.188.127.2, 1303, 5d1809c5, 10e828a2"})
    void matchesMicrosoftsVerificationValues(String source, int sourcePort, String destination, int destinationPort,
                                             String ipv4, String ipv4WithTcp) {
        Toeplitz toeplitz = Toeplitz.microsoft();

        assertThat(toeplitz.ipv4(ip(source), ip(destination))).isEqualTo(Integer.parseUnsignedInt(ipv4, 16));
        assertThat(toeplitz.ipv4WithPorts(ip(source), ip(destination), sourcePort, destinationPort))
                .isEqualTo(Integer.parseUnsignedInt(ipv4WithTcp, 16));
    }

    @Test
    void byteInputGivesTheSameHashAsTheTupleMethods() {
        Toeplitz toeplitz = Toeplitz.microsoft();
        byte[] input = {66, 9, (byte) 149, (byte) 187, (byte) 161, (byte) 142, 100, 80, 0x0A, (byte) 0xEA, 0x06,
                (byte) 0xE6};

        assertThat(toeplitz.hash(input, 12)).isEqualTo(0x51ccc178);
        assertThat(toeplitz.hash(input, 8)).isEqualTo(0x323e8fc2);
        assertThat(toeplitz.hash(input, 0)).isZero();
    }

    @Test
    void keyBitsShiftIntoTheWindowOneInputBitAtATime() {
        // one set input bit at position i XORs key bits i..i+31 into the hash
        byte[] key = new byte[16];
        key[0] = (byte) 0x80; // only key bit 0 set
        Toeplitz toeplitz = new Toeplitz(key);
        assertThat(toeplitz.hash(new byte[] {(byte) 0x80}, 1)).as("input bit 0 sees key bits 0..31")
                .isEqualTo(0x8000_0000);
        assertThat(toeplitz.hash(new byte[] {0x40}, 1)).as("input bit 1 sees key bits 1..32").isZero();
        assertThat(Toeplitz.microsoftKey()).hasSize(40);
    }

    @Test
    void rejectsShortKeysAndLongInputs() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Toeplitz(new byte[15]));
        assertThatIllegalArgumentException().isThrownBy(() -> Toeplitz.microsoft().hash(new byte[37], 37));
    }
}
