package io.nicsim.bench.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The API's JSON: one Jackson mapper, and the way every handler answers. Work that reads files runs on Vert.x's worker
 * threads ({@link #reply}), never on the event loop; an {@link HttpError} becomes its status and one line, anything
 * else a 500 with its message.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    /** Runs {@code work} off the event loop and sends what it returns as JSON (status 200). */
    static void reply(RoutingContext ctx, Callable<Object> work) {
        ctx.vertx().executeBlocking(work, false).onComplete(done -> {
            if (done.succeeded()) {
                send(ctx, 200, done.result());
            } else if (done.cause() instanceof HttpError error) {
                send(ctx, error.status(), Map.of("error", error.getMessage()));
            } else {
                Throwable cause = done.cause();
                send(ctx, 500, Map.of("error", cause.getMessage() != null ? cause.getMessage() : cause.toString()));
            }
        });
    }

    /** Sends {@code body} as JSON with {@code status}. */
    static void send(RoutingContext ctx, int status, Object body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        String text;
        try {
            text = MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            status = 500;
            text = "{\"error\":\"cannot write the answer as JSON\"}";
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(text);
    }

    /** @return the request's body as a JSON object */
    static JsonNode body(RoutingContext ctx) throws HttpError {
        try {
            JsonNode node = ctx.body().buffer() == null ? null : MAPPER.readTree(ctx.body().asString("UTF-8"));
            if (node == null || !node.isObject()) {
                throw new HttpError(HttpError.BAD_REQUEST, "expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new HttpError(HttpError.BAD_REQUEST, "expected a JSON object: " + e.getOriginalMessage());
        }
    }

    /** @return the text field {@code name} of {@code body}, or null if it has none */
    static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
