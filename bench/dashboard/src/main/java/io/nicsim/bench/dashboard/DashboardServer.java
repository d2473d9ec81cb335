package io.nicsim.bench.dashboard;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code nicsim serve}'s server: Vert.x Web on one event loop, bound to one address, over a runs folder. Vert.x reads
 * no files of its own (no class path extraction, no file cache): everything it serves passes the dashboard's handlers.
 */
public final class DashboardServer implements AutoCloseable {

    /** How long binding may take. */
    private static final long START_TIMEOUT_SECONDS = 30;

    /**
     * What to serve.
     *
     * @param runs      the runs folder (it must exist)
     * @param scenarios the scenarios folder the page picks files from (it may not exist)
     * @param bind      the address to bind (an IP address, or localhost)
     * @param port      the port (0: a free one)
     * @param token     what starting and stopping work needs
     * @param launcher  how runs are started
     * @param processes whether a feed's process still runs
     */
    public record Settings(Path runs, Path scenarios, String bind, int port, AccessToken token, RunLauncher launcher,
                           ProcessCheck processes) {
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final FeedHub hub;
    private final Settings settings;

    private DashboardServer(Vertx vertx, HttpServer server, FeedHub hub, Settings settings) {
        this.vertx = vertx;
        this.server = server;
        this.hub = hub;
        this.settings = settings;
    }

    /**
     * Binds and serves.
     *
     * @throws IOException the address or port cannot be bound (in use, not this machine's), or the runs folder cannot
     *                     be read
     */
    public static DashboardServer start(Settings settings) throws IOException {
        RunsPathGuard guard = new RunsPathGuard(settings.runs());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(4)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        FeedHub hub = new FeedHub(settings.processes()).start();
        try {
            RunStarts starts = new RunStarts(settings.runs(), settings.launcher(), Clock.systemDefaultZone());
            ScenarioFiles files = new ScenarioFiles(settings.scenarios());
            DashboardRoutes.Handlers handlers = new DashboardRoutes.Handlers(new PageAssets(),
                    new RunsApi(new RunIndex(guard, settings.processes()), new RunCurves(guard)),
                    new LiveHandler(guard, hub), new ScenarioApi(files, starts), new StartApi(files, starts),
                    new RunFilesHandler(guard));
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(DashboardRoutes.router(vertx, settings.token(), handlers))
                    .listen(settings.port(), settings.bind()).toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new DashboardServer(vertx, server, hub, settings);
        } catch (ExecutionException e) {
            close(vertx, hub);
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e);
        } catch (TimeoutException | InterruptedException | RuntimeException e) {
            close(vertx, hub);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("cannot serve on " + settings.bind() + ":" + settings.port() + ": " + e, e);
        }
    }

    /** @return the port it listens on */
    public int port() {
        return server.actualPort();
    }

    /** @return the page's address with the token: {@code http://127.0.0.1:8642/?token=...} */
    public String url() {
        String host = settings.bind().equals("0.0.0.0") || settings.bind().equals("::") ? "127.0.0.1"
                : settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
        return "http://" + host + ":" + port() + "/?" + AccessToken.QUERY + "=" + settings.token().value();
    }

    @Override
    public void close() {
        close(vertx, hub);
    }

    private static void close(Vertx vertx, FeedHub hub) {
        hub.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // closing: nothing left to tell
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
