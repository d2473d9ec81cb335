package io.nicsim.bench.dashboard;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /runs/PATH}: a file of the runs folder (a run's report.html, its HdrHistogram files), through
 * {@link RunsPathGuard}; anything else, folders included (no listings), is 404. The path is taken from the request as
 * it came, before the router's normalization. Served pages are sandboxed (Content-Security-Policy {@code sandbox}, no
 * scripts): a report runs nothing and reaches no API as the dashboard's origin.
 */
final class RunFilesHandler implements Handler<RoutingContext> {

    /** Where run files are served. */
    static final String PREFIX = "/runs/";
    private static final String POLICY = "sandbox allow-popups allow-top-navigation-by-user-activation;"
            + " default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

    /** Files shown as text in the browser rather than downloaded. */
    private static final Pattern TEXT = Pattern.compile(".*\\.(hgrm|hlog|yaml|csv|jsonl|txt)");

    private final RunsPathGuard guard;

    RunFilesHandler(RunsPathGuard guard) {
        this.guard = guard;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String raw = ctx.request().path();
        if (raw == null || !raw.startsWith(PREFIX)) {
            ctx.response().setStatusCode(HttpError.NOT_FOUND).end("not found");
            return;
        }
        String rest = raw.substring(PREFIX.length());
        ctx.vertx().executeBlocking(() -> guard.fileFromUrl(rest), false).onComplete(found -> {
            Optional<Path> file = found.succeeded() ? found.result() : Optional.empty();
            if (file.isEmpty()) {
                ctx.response().setStatusCode(HttpError.NOT_FOUND).end("not found");
                return;
            }
            String name = file.get().getFileName().toString();
            if (TEXT.matcher(name).matches()) {
                ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8");
            }
            ctx.response().putHeader("Content-Security-Policy", POLICY).putHeader("Cache-Control", "no-store")
                    .sendFile(file.get().toString());
        });
    }
}
