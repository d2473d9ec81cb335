package io.nicsim.bench.dashboard;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The server's routes: every request passes the {@link HostCheck} first; the page and uPlot ({@link PageAssets}), the
 * read-only API (run list, curves, live feeds, scenarios), the files of the runs folder ({@link RunFilesHandler}),
 * and behind the {@link AccessToken} what starts or stops work and validation. Anything else is 404.
 */
final class DashboardRoutes {

    /** The largest request body: a scenario's text and a little more. */
    private static final long BODY_LIMIT_BYTES = ScenarioFiles.MAX_BYTES * 2;

    private DashboardRoutes() {
    }

    /** The handlers the routes call. */
    record Handlers(PageAssets page, RunsApi runs, LiveHandler live, ScenarioApi scenarios, StartApi starts,
                    RunFilesHandler files) {
    }

    static Router router(Vertx vertx, AccessToken token, Handlers handlers) {
        Router router = Router.router(vertx);
        router.route().handler(new HostCheck());
        router.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff");
            ctx.next();
        });
        for (String path : handlers.page().paths()) {
            router.get(path).handler(handlers.page());
        }
        router.get("/api/runs").handler(handlers.runs()::list);
        router.get("/api/curves").handler(handlers.runs()::curves);
        router.get("/api/live").handler(handlers.live());
        router.get("/api/scenarios").handler(handlers.scenarios()::list);
        router.get("/api/scenario").handler(handlers.scenarios()::text);
        router.get("/api/started").handler(handlers.starts()::list);
        router.get("/api/access").handler(token.required()).handler(ctx -> Json.send(ctx, 200,
                java.util.Map.of("access", true)));
        router.post("/api/*").handler(token.required()); // before the body is read
        router.post("/api/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        router.post("/api/validate").handler(handlers.scenarios()::validate);
        router.post("/api/start").handler(handlers.starts()::start);
        router.post("/api/stop").handler(handlers.starts()::stop);
        router.get(RunFilesHandler.PREFIX + "*").handler(handlers.files());
        return router;
    }
}
