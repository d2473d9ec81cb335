package io.nicsim.bench.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every line {@link ClusterOptions#parse} refuses with, and what it accepts. */
class ClusterOptionsTest {

    @TempDir
    Path dir;

    @Test
    void membersBindAndSecretAreReadAsGiven() throws Exception {
        Path secret = secret("0123456789abcdef0123456789\n", "rw-------");
        ClusterOptions options = ClusterOptions.parse("--join", "127.0.0.1:5701, 127.0.0.1:5702", "10.1.2.3:5800",
                secret);
        assertThat(options.members()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
        assertThat(options.bindHost()).isEqualTo("10.1.2.3");
        assertThat(options.bindPort()).isEqualTo(5800);
        assertThat(new String(options.secret(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("0123456789abcdef0123456789");
        assertThat(options.loopback()).isFalse();
    }

    @Test
    void withoutBindItIsLoopbackOnTheFirstFreePortWithoutASecret() {
        ClusterOptions options = ClusterOptions.parse("--cluster", "127.0.0.1:5701", null, null);
        assertThat(options.bindHost()).isEqualTo(ClusterOptions.LOOPBACK);
        assertThat(options.bindPort()).isZero();
        assertThat(options.secret()).isNull();
        assertThat(options.loopback()).isTrue();
    }

    @Test
    void eachMistakeIsOneLineNamingTheFlag() throws Exception {
        refused("--join", null, null, null, "--join: expected HOST:PORT[,HOST:PORT...], found nothing");
        refused("--join", "", null, null, "--join: expected HOST:PORT, found ''");
        refused("--join", "127.0.0.1", null, null, "--join: expected HOST:PORT, found '127.0.0.1'");
        refused("--cluster", "127.0.0.1:5701,", null, null, "--cluster: expected HOST:PORT, found ''");
        refused("--join", ":5701", null, null, "--join: expected HOST:PORT, found ':5701'");
        refused("--join", "h:x", null, null, "--join: port 'x' in 'h:x' is not a number from 1 to 65535");
        refused("--join", "h:0", null, null, "--join: port '0' in 'h:0' is not a number from 1 to 65535");
        refused("--join", "h:65536", null, null, "--join: port '65536' in 'h:65536' is not a number from 1 to 65535");
        refused("--join", "h:1", ":5701", null, "--bind: expected HOST:PORT, found ':5701'");
        refused("--join", "h:1", "127.0.0.1:99999", null,
                "--bind: port '99999' in '127.0.0.1:99999' is not a number from 1 to 65535");
        refused("--join", "h:1", "0.0.0.0", null, "--bind 0.0.0.0: name one address (0.0.0.0 would listen on every"
                + " interface)");
        refused("--join", "h:1", "0.0.0.0:5701", null, "--bind 0.0.0.0:5701: name one address");
        refused("--join", "h:1", "10.1.2.3", null, "--bind 10.1.2.3: a non-loopback address needs --secret-file");
    }

    @Test
    void aSecretFileMustBeReadableByItsOwnerAloneAndLongEnough() throws Exception {
        Path open = secret("0123456789abcdef0123456789", "rw-r--r--");
        refused("--join", "h:1", null, open, "--secret-file " + open + ": others can read it; make it yours alone"
                + " (chmod 600)");
        Path shortOne = secret("short\n", "rw-------");
        refused("--join", "h:1", null, shortOne, "--secret-file " + shortOne + ": holds 5 bytes; a secret needs at"
                + " least 16");
        Path missing = dir.resolve("missing");
        refused("--join", "h:1", null, missing, "--secret-file " + missing + ": cannot read it (NoSuchFileException");
    }

    private Path secret(String text, String permissions) throws Exception {
        Path file = Files.writeString(dir.resolve("secret-" + permissions), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private static void refused(String flag, String members, String bind, Path secret, String start) {
        assertThatThrownBy(() -> ClusterOptions.parse(flag, members, bind, secret))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith(start).doesNotContain("\n"));
    }

    @Test
    void theMembersListIsCopied() {
        List<String> members = new java.util.ArrayList<>(List.of("127.0.0.1:5701"));
        ClusterOptions options = new ClusterOptions(members, "127.0.0.1", 0, null);
        members.clear();
        assertThat(options.members()).containsExactly("127.0.0.1:5701");
    }
}
