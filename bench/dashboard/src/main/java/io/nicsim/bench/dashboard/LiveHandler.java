package io.nicsim.bench.dashboard;

import io.nicsim.bench.results.LiveFeed;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /api/live?path=FOLDER}: a study's live feed as server-sent events, through the {@link FeedHub}: each
 * line of the feed as an event {@value FeedHub#LINE} (the line's JSON), the feed's state as {@value FeedHub#STATE}.
 */
final class LiveHandler implements Handler<RoutingContext> {

    private final RunsPathGuard guard;
    private final FeedHub hub;

    LiveHandler(RunsPathGuard guard, FeedHub hub) {
        this.guard = guard;
        this.hub = hub;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.request().getParam("path");
        Path folder = guard.folder(path).filter(dir -> Files.isRegularFile(dir.resolve(LiveFeed.FILE_NAME)))
                .orElse(null);
        if (folder == null) {
            Json.send(ctx, HttpError.NOT_FOUND, Map.of("error", "no live feed in " + path));
            return;
        }
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8").putHeader("Cache-Control", "no-store");
        response.write(": " + path + "\n\n");
        Context context = ctx.vertx().getOrCreateContext();
        AtomicReference<Runnable> end = new AtomicReference<>();
        FeedHub.Listener listener = (name, json) -> context.runOnContext(ignored -> {
            if (!response.closed() && !response.ended()) {
                response.write("event: " + name + "\ndata: " + json + "\n\n");
            }
        });
        response.closeHandler(ignored -> {
            Runnable unsubscribe = end.getAndSet(() -> { });
            if (unsubscribe != null) {
                unsubscribe.run();
            }
        });
        ctx.vertx().executeBlocking(() -> hub.subscribe(folder, listener), false).onComplete(done -> {
            if (done.failed()) {
                response.end();
            } else if (end.compareAndSet(null, done.result())) {
                return; // subscribed while the client stays
            } else {
                done.result().run(); // the client left while it subscribed
            }
        });
    }
}
