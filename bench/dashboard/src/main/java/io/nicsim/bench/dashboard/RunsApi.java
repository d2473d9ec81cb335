package io.nicsim.bench.dashboard;

import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** The run list ({@code GET /api/runs}) and a run's chart data ({@code GET /api/curves?path=FOLDER}). */
final class RunsApi {

    private final RunIndex index;
    private final RunCurves curves;

    RunsApi(RunIndex index, RunCurves curves) {
        this.index = index;
        this.curves = curves;
    }

    void list(RoutingContext ctx) {
        Json.reply(ctx, () -> Map.of("runs", index.list()));
    }

    void curves(RoutingContext ctx) {
        String path = ctx.request().getParam("path");
        Json.reply(ctx, () -> curves.of(path));
    }
}
