package io.nicsim.bench.dashboard;

import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * Starting and stopping runs from the page (both need the token): {@code POST /api/start} checks the editor's scenario
 * as validate does and, when it is good, saves an edited text and starts {@code nicsim run} ({@link RunStarts});
 * {@code POST /api/stop} asks a started run to stop; {@code GET /api/started} lists them.
 */
final class StartApi {

    private final ScenarioFiles files;
    private final RunStarts starts;

    StartApi(ScenarioFiles files, RunStarts starts) {
        this.files = files;
        this.starts = starts;
    }

    /** Body: as {@code /api/validate}'s. Answers the started run, or 400 with the check's verdict. */
    void start(RoutingContext ctx) {
        Json.reply(ctx, () -> {
            ScenarioApi.Edit edit = ScenarioApi.Edit.of(Json.body(ctx), files, starts);
            ScenarioCheck.Verdict verdict = ScenarioCheck.check(edit.text(), edit.shownAs());
            if (!verdict.ok()) {
                throw new HttpError(HttpError.BAD_REQUEST, verdict.message());
            }
            if (edit.edited()) {
                starts.save(edit.shownAs(), edit.text());
            }
            return starts.start(edit.shownAs(), verdict.scenario());
        });
    }

    /** Body: {@code {"id": ...}}. */
    void stop(RoutingContext ctx) {
        Json.reply(ctx, () -> {
            String id = Json.text(Json.body(ctx), "id");
            if (!starts.stop(id)) {
                throw HttpError.notFound("started run " + id);
            }
            return Map.of("stopping", id);
        });
    }

    void list(RoutingContext ctx) {
        Json.reply(ctx, () -> Map.of("started", starts.list()));
    }
}
