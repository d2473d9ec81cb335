package io.nicsim.bench.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Signs and checks every message between coordinator and workers: {@code MAC | header length | header | body}, the
 * MAC an HMAC-SHA256 over everything after it, keyed by the shared secret (a key derived from it), or by a fixed,
 * well-known key on a loopback cluster without one. The header (JSON: the message's type, its job, item, attempt and
 * token) is inside the signed part, so a result cannot be replayed into another job, item or attempt; the body is
 * raw bytes (a chunk of a result file). This gives integrity and authenticity among the holders of the secret, not
 * confidentiality: the traffic is not encrypted.
 */
public final class MessageSeal {

    /** The JDK's name of HMAC-SHA256. */
    static final String ALGORITHM = "HmacSHA256";
    /** The MAC's length. */
    static final int MAC_BYTES = 32;
    /** The key of clusters without a secret (loopback only): public, so it stops accidents, not attackers. */
    static final byte[] OPEN_KEY = "nicsim open cluster (loopback, no secret)".getBytes(StandardCharsets.UTF_8);
    /** The most a header may hold. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    private final SecretKeySpec key;

    /** @param secret the shared secret, or null for the well-known key of loopback clusters without one */
    public MessageSeal(byte[] secret) {
        byte[] derived = secret == null ? OPEN_KEY : hmac(new SecretKeySpec(secret, ALGORITHM),
                "messages".getBytes(StandardCharsets.UTF_8));
        this.key = new SecretKeySpec(derived, ALGORITHM);
    }

    /** @return the signed message: the header, then {@code body} (null: none) */
    public Buffer seal(JsonObject header, Buffer body) {
        byte[] head = header.encode().getBytes(StandardCharsets.UTF_8);
        Buffer signed = Buffer.buffer(4 + head.length + (body == null ? 0 : body.length()));
        signed.appendInt(head.length).appendBytes(head);
        if (body != null) {
            signed.appendBuffer(body);
        }
        byte[] mac = hmac(key, signed.getBytes());
        return Buffer.buffer(MAC_BYTES + signed.length()).appendBytes(mac).appendBuffer(signed);
    }

    /**
     * @return the header and body of a message whose MAC checks
     * @throws Refused one line: unsigned, cut short, its MAC does not match (another secret, or altered), or no JSON
     */
    public Opened open(Object message) throws Refused {
        if (!(message instanceof Buffer buffer)) {
            throw new Refused("not a signed nicsim message (" + (message == null ? "empty" : "a "
                    + message.getClass().getSimpleName()) + ")");
        }
        if (buffer.length() < MAC_BYTES + 4) {
            throw new Refused("not a signed nicsim message (" + buffer.length() + " bytes)");
        }
        byte[] mac = buffer.getBytes(0, MAC_BYTES);
        byte[] signed = buffer.getBytes(MAC_BYTES, buffer.length());
        if (!MessageDigest.isEqual(mac, hmac(key, signed))) {
            throw new Refused("its signature does not match (a node with another secret, or an altered message)");
        }
        int headLength = buffer.getInt(MAC_BYTES);
        if (headLength < 2 || headLength > MAX_HEADER_BYTES || MAC_BYTES + 4 + headLength > buffer.length()) {
            throw new Refused("a signed message with a header of " + headLength + " bytes in " + buffer.length());
        }
        int bodyStart = MAC_BYTES + 4 + headLength;
        try {
            JsonObject header = new JsonObject(buffer.getString(MAC_BYTES + 4, bodyStart, "UTF-8"));
            return new Opened(header, buffer.slice(bodyStart, buffer.length()));
        } catch (DecodeException | ClassCastException e) {
            throw new Refused("a signed message whose header is not a JSON object");
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JDK", e);
        }
    }

    /**
     * A message whose signature checked.
     *
     * @param header its header
     * @param body   its body (empty when none)
     */
    public record Opened(JsonObject header, Buffer body) {

        /** @return the header's {@code key} as text, or "" */
        public String text(String key) {
            Object value = header.getValue(key);
            return value == null ? "" : value.toString();
        }

        /** @return the header's {@code key} as a whole number, or -1 when it is missing or not one */
        public long number(String key) {
            return header.getValue(key) instanceof Number n ? n.longValue() : -1;
        }
    }

    /** A message refused: unsigned, wrongly signed or malformed; its message is one line. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }
}
