package io.nicsim.bench.dashboard;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page and what it loads, read once from the class path into memory and served by exact path: the hand-written
 * index.html, app.js and app.css, and uPlot from its WebJar. Nothing is looked up on disk and nothing comes from
 * elsewhere at run time: the page works offline.
 */
final class PageAssets implements Handler<RoutingContext> {

    /** uPlot's version: the WebJar's folder. */
    static final String UPLOT_VERSION = "1.6.30";
    private static final String WEB = "io/nicsim/bench/dashboard/web/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
    /** The page's own policy: its scripts and styles from this server only; charts draw on canvases. */
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
            + " frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(Buffer bytes, String type) {
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    PageAssets() {
        add("/", WEB + "index.html", "text/html; charset=utf-8");
        add("/app.js", WEB + "app.js", "text/javascript; charset=utf-8");
        add("/app.css", WEB + "app.css", "text/css; charset=utf-8");
        add("/uplot/uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
        add("/uplot/uPlot.min.css", UPLOT + "uPlot.min.css", "text/css; charset=utf-8");
    }

    /** @return the paths served */
    Iterable<String> paths() {
        return assets.keySet();
    }

    private void add(String path, String resource, String type) {
        try (InputStream in = PageAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + resource + " is not on the class path");
            }
            assets.put(path, new Asset(Buffer.buffer(in.readAllBytes()), type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        Asset asset = assets.get(ctx.request().path());
        if (asset == null) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Content-Type", asset.type()).putHeader("Cache-Control", "no-cache")
                .putHeader("Content-Security-Policy", POLICY).putHeader("Referrer-Policy", "no-referrer")
                .end(asset.bytes());
    }
}
