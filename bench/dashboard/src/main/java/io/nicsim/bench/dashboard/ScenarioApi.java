package io.nicsim.bench.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Path;
import java.util.Map;

/**
 * The page's scenario editor: {@code GET /api/scenarios} (the files it may pick), {@code GET /api/scenario?file=F}
 * (one's text), {@code POST /api/validate} (a text checked as {@code nicsim validate} checks a file, as the file the
 * editor shows: the picked file while unedited, its saved copy under the runs folder once edited).
 */
final class ScenarioApi {

    private final ScenarioFiles files;
    private final RunStarts starts;

    ScenarioApi(ScenarioFiles files, RunStarts starts) {
        this.files = files;
        this.starts = starts;
    }

    void list(RoutingContext ctx) {
        Json.reply(ctx, () -> Map.of("files", files.list()));
    }

    void text(RoutingContext ctx) {
        String file = ctx.request().getParam("file");
        Json.reply(ctx, () -> Map.of("file", file, "text", files.read(file),
                "editedAs", starts.editedFile(file).toString()));
    }

    /** Body: {@code {"file": picked or null, "text": ..., "edited": true|false}}. */
    void validate(RoutingContext ctx) {
        Json.reply(ctx, () -> {
            Edit edit = Edit.of(Json.body(ctx), files, starts);
            return ScenarioCheck.check(edit.text(), edit.shownAs());
        });
    }

    /**
     * What the editor holds.
     *
     * @param picked  the scenario file picked, or null
     * @param text    the editor's text
     * @param edited  whether it differs from the picked file (or there is none)
     * @param shownAs the file the text is checked and run as
     */
    record Edit(String picked, String text, boolean edited, Path shownAs) {

        static Edit of(JsonNode body, ScenarioFiles files, RunStarts starts) throws HttpError, java.io.IOException {
            String picked = Json.text(body, "file");
            String text = Json.text(body, "text");
            boolean edited = picked == null || body.path("edited").asBoolean(true);
            if (!edited) {
                return new Edit(picked, files.read(picked), false, files.file(picked));
            }
            if (text == null) {
                throw new HttpError(HttpError.BAD_REQUEST, "expected the scenario's text in \"text\"");
            }
            if (text.length() > ScenarioFiles.MAX_BYTES) {
                throw new HttpError(HttpError.BAD_REQUEST, "a scenario of more than " + ScenarioFiles.MAX_BYTES / 1024
                        + " KiB");
            }
            return new Edit(picked, text, true, starts.editedFile(picked));
        }
    }
}
