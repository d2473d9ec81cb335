package io.nicsim.bench.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed messages: what is sealed opens; anything tampered with, signed with another key, or unsigned does not. */
class MessageSealTest {

    private static final byte[] SECRET = "a secret of more than sixteen bytes".getBytes(StandardCharsets.UTF_8);

    private final MessageSeal seal = new MessageSeal(SECRET);

    private static JsonObject header() {
        return Protocol.header(Protocol.T_RESULT, "job1", "member1").put(Protocol.TOKEN, "t1").put(Protocol.ITEM, 3)
                .put(Protocol.ATTEMPT, 1);
    }

    @Test
    void aSealedMessageOpensWithItsHeaderAndBody() throws Exception {
        MessageSeal.Opened opened = seal.open(seal.seal(header(), Buffer.buffer("bytes of a file")));
        assertThat(opened.header()).isEqualTo(header());
        assertThat(opened.text(Protocol.JOB)).isEqualTo("job1");
        assertThat(opened.number(Protocol.ITEM)).isEqualTo(3);
        assertThat(opened.body().toString()).isEqualTo("bytes of a file");
        assertThat(seal.open(seal.seal(header(), null)).body().length()).isZero();
    }

    @Test
    void changingAnyByteOfTheHeaderOrBodyBreaksTheSignature() {
        Buffer sealed = seal.seal(header(), Buffer.buffer("bytes of a file"));
        for (int i = MessageSeal.MAC_BYTES; i < sealed.length(); i++) {
            Buffer tampered = sealed.copy();
            tampered.setByte(i, (byte) (tampered.getByte(i) ^ 1));
            assertThatThrownBy(() -> seal.open(tampered)).as("byte %d", i).isInstanceOf(MessageSeal.Refused.class);
        }
    }

    @Test
    void aHeaderReplayedIntoAnotherItemDoesNotCarryTheSignatureAlong() {
        Buffer sealed = seal.seal(header(), Buffer.buffer("bytes"));
        byte[] mac = sealed.getBytes(0, MessageSeal.MAC_BYTES);
        Buffer other = seal.seal(header().put(Protocol.ITEM, 4), Buffer.buffer("bytes"));
        Buffer replayed = Buffer.buffer().appendBytes(mac).appendBuffer(other.slice(MessageSeal.MAC_BYTES,
                other.length()));
        assertThatThrownBy(() -> seal.open(replayed)).isInstanceOf(MessageSeal.Refused.class)
                .hasMessageContaining("signature does not match");
    }

    @Test
    void anotherSecretOrNoneIsRefused() {
        Buffer sealed = seal.seal(header(), null);
        MessageSeal other = new MessageSeal("another secret, also long enough".getBytes(StandardCharsets.UTF_8));
        MessageSeal open = new MessageSeal(null);
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(MessageSeal.Refused.class);
        assertThatThrownBy(() -> open.open(sealed)).isInstanceOf(MessageSeal.Refused.class);
        assertThatThrownBy(() -> seal.open(open.seal(header(), null))).isInstanceOf(MessageSeal.Refused.class);
    }

    @Test
    void unsignedMessagesAreRefusedInOneLine() {
        assertThatThrownBy(() -> seal.open(null)).hasMessage("not a signed nicsim message (empty)");
        assertThatThrownBy(() -> seal.open("text")).hasMessage("not a signed nicsim message (a String)");
        assertThatThrownBy(() -> seal.open(Buffer.buffer("short"))).hasMessage("not a signed nicsim message (5 bytes)");
        Buffer plain = Buffer.buffer(new byte[MessageSeal.MAC_BYTES]).appendInt(2).appendString("{}");
        assertThatThrownBy(() -> seal.open(plain)).hasMessageContaining("signature does not match");
    }

    @Test
    void theOpenKeyIsWellKnownSoLoopbackNodesWithoutASecretUnderstandEachOther() throws Exception {
        MessageSeal one = new MessageSeal(null);
        MessageSeal two = new MessageSeal(null);
        assertThat(two.open(one.seal(header(), null)).header()).isEqualTo(header());
    }
}
