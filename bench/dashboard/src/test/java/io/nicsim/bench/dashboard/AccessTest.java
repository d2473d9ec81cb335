package io.nicsim.bench.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The token and the Host check, the two guards every request meets. */
class AccessTest {

    @Test
    void aTokenMatchesItselfOnly() {
        AccessToken token = AccessToken.of("0123abcd");
        assertThat(token.matches("0123abcd")).isTrue();
        assertThat(token.matches("0123abce")).isFalse();
        assertThat(token.matches("0123abcd0")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void aRandomTokenIsFreshHexOf24Bytes() {
        String first = AccessToken.random().value();
        assertThat(first).matches("[0-9a-f]{48}");
        assertThat(AccessToken.random().value()).isNotEqualTo(first);
    }

    @Test
    void onlyLocalhostAndAddressesPassTheHostCheck() {
        for (String host : new String[]{"localhost", "LOCALHOST", "127.0.0.1", "10.1.2.3", "[::1]", "::1",
                "0.0.0.0"}) {
            assertThat(HostCheck.allowed(host)).as(host).isTrue();
        }
        for (String host : new String[]{"evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "", null,
                "my-laptop", "[evil]"}) {
            assertThat(HostCheck.allowed(host)).as(host).isFalse();
        }
    }
}
