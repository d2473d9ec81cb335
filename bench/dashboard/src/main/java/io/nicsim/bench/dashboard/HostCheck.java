package io.nicsim.bench.dashboard;

import io.vertx.core.Handler;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.util.Map;

/**
 * Refuses (403) every request whose Host header names neither {@code localhost} nor an IP address: a page served
 * under another name that its DNS points at this machine (DNS rebinding) reads nothing and starts nothing. Trade-off:
 * the machine's own host name is refused too, so a server bound with {@code --bind} is opened by its address.
 */
final class HostCheck implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        HostAndPort authority = ctx.request().authority();
        if (authority != null && allowed(authority.host())) {
            ctx.next();
        } else {
            Json.send(ctx, 403, Map.of("error", "refused: the Host header must be localhost or an IP address"));
        }
    }

    /** @return whether a request naming {@code host} (without its port) is served */
    static boolean allowed(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress.ofLiteral(literal); // an address as text, never looked up
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
