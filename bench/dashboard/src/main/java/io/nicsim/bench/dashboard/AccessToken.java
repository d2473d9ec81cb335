package io.nicsim.bench.dashboard;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The token that guards what starts or stops work (and validation, which reads the files a scenario names), as
 * Jupyter's does: fresh from {@link SecureRandom} at each start, printed in the URL, sent by the page in the
 * {@value #HEADER} header, compared in constant time. A custom header also keeps other sites' pages out: a browser
 * sends none cross-origin without a CORS preflight, which the server never grants.
 */
public final class AccessToken {

    /** The request header that carries the token. */
    public static final String HEADER = "X-Nicsim-Token";
    /** The URL query parameter the page reads the token from. */
    public static final String QUERY = "token";
    /** What a refused request is told. */
    static final String REFUSED = "refused: this needs the token nicsim serve printed (open the URL it printed)";
    private static final int BYTES = 24;

    private final String value;

    private AccessToken(String value) {
        this.value = value;
    }

    /** @return a fresh token: {@value #BYTES} random bytes, hex */
    public static AccessToken random() {
        byte[] bytes = new byte[BYTES];
        new SecureRandom().nextBytes(bytes);
        return new AccessToken(HexFormat.of().formatHex(bytes));
    }

    /** @return the token whose text is {@code value} (tests) */
    public static AccessToken of(String value) {
        return new AccessToken(value);
    }

    /** @return the token's text */
    public String value() {
        return value;
    }

    /** @return whether {@code candidate} is this token, compared in time independent of where they differ */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** @return a route handler that passes requests carrying the token and answers the others 403 */
    Handler<RoutingContext> required() {
        return ctx -> {
            if (matches(ctx.request().getHeader(HEADER))) {
                ctx.next();
            } else {
                Json.send(ctx, 403, Map.of("error", REFUSED));
            }
        };
    }
}
