package io.nicsim.bench.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.nicsim.bench.results.LiveEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's API over HTTP, one server for the class over a runs folder holding a real (virtual-time) run, a live
 * feed and one whose process is gone: the run list, curves, traversal refused (raw sockets, so nothing normalizes the
 * path first), the Host check, the token, validation's FILE:LINE:COL, SSE, starting and stopping (a fake launcher).
 */
@Tag("run")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DashboardApiTest {

    private static final String RUN = "20261206-100000-napi";
    private static final String LIVE = "20261206-110000-live";
    private static final String DEAD = "20261206-090000-dead";
    private static final long WAIT_SECONDS = 30;

    @TempDir
    static Path dir;

    private static Path runs;
    private static Path scenario;
    private static final FakeLauncher LAUNCHER = new FakeLauncher();
    private static final AccessToken TOKEN = AccessToken.of("t0ken-of-the-test");
    private static DashboardServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void serve() throws Exception {
        runs = Files.createDirectories(dir.resolve("runs"));
        TinyRuns.run(runs, RUN, "firmware.policy=napi", "host.consumer=platform-thread");
        TinyRuns.append(Files.createDirectories(runs.resolve(LIVE)), TinyRuns.started("live-study"),
                TinyRuns.second("platform-thread", 0));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        TinyRuns.append(Files.createDirectories(runs.resolve(DEAD)), new LiveEvent.Started("sweep", "s", "napi",
                List.of("busy-poll"), "paced", gone.pid(), java.time.Instant.now().toString(), 4));
        Files.writeString(dir.resolve("secret.txt"), "outside the runs folder");
        Files.createSymbolicLink(runs.resolve("out"), dir);
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        scenario = Files.writeString(scenarios.resolve("ok.yaml"), "name: ok-study\nfirmware:\n  policy: napi\n");
        server = DashboardServer.start(new DashboardServer.Settings(runs, scenarios, "127.0.0.1", 0, TOKEN, LAUNCHER,
                ProcessCheck.SYSTEM));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(
                Json.MAPPER.writeValueAsString(body)));
        if (token != null) {
            request.header(AccessToken.HEADER, token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    /** @return the status code the server answers a request sent as these bytes, on a socket of its own */
    private static int raw(String target, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static int raw(String target) throws Exception {
        return raw(target, "127.0.0.1:" + server.port());
    }

    @Test
    void theListShowsTheRunsTheirFiguresAndWhetherTheyAreLive() throws Exception {
        JsonNode list = json(get("/api/runs")).get("runs");

        assertThat(list.findValuesAsText("path")).containsExactly(LIVE, RUN, DEAD);
        JsonNode run = list.get(1);
        assertThat(run.get("kind").asText()).isEqualTo("run");
        assertThat(run.get("policy").asText()).isEqualTo("napi");
        assertThat(run.get("date").asText()).isEqualTo("2026-12-06 10:00:00");
        assertThat(run.get("report").asBoolean()).isTrue();
        assertThat(run.get("state").asText()).isEqualTo("completed");
        assertThat(run.get("headline").get(0).get("run").asText()).isEqualTo("platform-thread");
        assertThat(run.get("headline").get(0).get("p99Nanos").asLong()).isGreaterThan(run.get("headline").get(0)
                .get("p50Nanos").asLong()).isPositive();
        assertThat(list.get(0).get("state").asText()).isEqualTo(FeedStatus.LIVE);
        assertThat(list.get(2).get("state").asText()).as("its process is gone, no end line")
                .isEqualTo(FeedStatus.CUT_SHORT);
        assertThat(list.get(2).get("kind").asText()).isEqualTo("sweep");
    }

    @Test
    void aRunsCurvesComeFromItsHistogramFiles() throws Exception {
        JsonNode curves = json(get("/api/curves?path=" + RUN)).get("runs");

        assertThat(curves).hasSize(1);
        assertThat(curves.get(0).get("label").asText()).isEqualTo("platform-thread");
        assertThat(curves.get(0).get("percentiles").size()).isGreaterThan(10);
        assertThat(curves.get(0).get("seconds").size()).as("2 measured seconds").isEqualTo(2);
        assertThat(get("/api/curves?path=../runs").statusCode()).isEqualTo(404);
    }

    @Test
    void onlyFilesUnderTheRunsFolderAreServedAndNoListings() throws Exception {
        assertThat(raw("/runs/" + RUN + "/report.html")).isEqualTo(200);
        assertThat(raw("/runs/" + RUN + "/0-platform-thread/notification.hgrm")).isEqualTo(200);
        for (String target : List.of("/runs/../../etc/passwd", "/runs/%2e%2e/%2e%2e/etc/passwd",
                "/runs/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/runs/..%2f..%2fetc%2fpasswd",
                "/runs/%252e%252e/%252e%252e/etc/passwd", "/runs/..\\..\\etc\\passwd", "/runs/..%5c..%5cetc%5cpasswd",
                "/runs/%2E%2E/secret.txt", "/runs/../secret.txt", "/runs/out/secret.txt", "/runs//etc/passwd",
                "/runs/%2fetc%2fpasswd", "/runs/" + RUN + "/../../secret.txt", "/runs/" + RUN + "/", "/runs/" + RUN,
                "/runs/", "/runs/" + RUN + "/.nicsim-run", "/../../etc/passwd", "/etc/passwd", "/secret.txt",
                "/io/nicsim/bench/dashboard/web/app.js", "/META-INF/resources/webjars/uplot/1.6.30/LICENSE")) {
            assertThat(raw(target)).as(target).isEqualTo(404);
        }
    }

    @Test
    void aRequestForAnotherHostNameIsRefused() throws Exception {
        assertThat(raw("/api/runs", "evil.example:" + server.port())).isEqualTo(403);
        assertThat(raw("/", "rebound.example")).isEqualTo(403);
        assertThat(raw("/api/runs", "localhost:" + server.port())).isEqualTo(200);
        assertThat(raw("/", "[::1]:" + server.port())).isEqualTo(200);
    }

    @Test
    void whatStartsStopsOrChecksWorkNeedsTheToken() throws Exception {
        Map<String, Object> body = Map.of("text", "firmware:\n  policy: napi\n");
        for (String token : new String[]{null, "", "t0ken-of-the-tesT", TOKEN.value() + "x"}) {
            assertThat(post("/api/validate", token, body).statusCode()).as("token %s", token).isEqualTo(403);
            assertThat(post("/api/start", token, body).statusCode()).isEqualTo(403);
            assertThat(post("/api/stop", token, Map.of("id", "1")).statusCode()).isEqualTo(403);
        }
        assertThat(json(post("/api/validate", null, body)).get("error").asText()).isEqualTo(AccessToken.REFUSED);
        assertThat(get("/api/access").statusCode()).isEqualTo(403);
        assertThat(post("/api/validate", TOKEN.value(), body).statusCode()).isEqualTo(200);
        assertThat(HTTP.send(HttpRequest.newBuilder(uri("/api/access")).header(AccessToken.HEADER, TOKEN.value())
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void validationNamesTheFileShownWithLineAndColumn() throws Exception {
        JsonNode edited = json(post("/api/validate", TOKEN.value(), Map.of("file", scenario.toString(),
                "text", "name: ok-study\nfirmware:\n  policy: napi\n  budgit: 64\n", "edited", true)));
        Path shownAs = runs.resolve(".dashboard/ok.yaml");
        assertThat(edited.get("ok").asBoolean()).isFalse();
        assertThat(edited.get("message").asText()).startsWith("error: " + shownAs + ":4:3: firmware.budgit: unknown"
                + " key");
        assertThat(edited.get("line").asInt()).isEqualTo(4);
        assertThat(edited.get("column").asInt()).isEqualTo(3);
        JsonNode picked = json(post("/api/validate", TOKEN.value(), Map.of("file", scenario.toString(),
                "edited", false)));
        assertThat(picked.get("message").asText()).isEqualTo("ok: " + scenario
                + " (ok-study, napi firmware, consumers busy-poll,platform-thread,virtual-thread,event-loop)");
        assertThat(post("/api/validate", TOKEN.value(), Map.of("file", dir.resolve("secret.txt").toString(),
                "edited", false)).statusCode()).as("only a listed scenario is read").isEqualTo(404);
    }

    @Test
    void aFeedsLinesArriveAsServerSentEvents() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        var response = HTTP.sendAsync(HttpRequest.newBuilder(uri("/api/live?path=" + LIVE)).build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (Stream<String> body = response.get(WAIT_SECONDS, TimeUnit.SECONDS).body()) {
                body.forEach(lines::add);
            } catch (Exception e) {
                lines.add("failed: " + e);
            }
        });
        try {
            awaitLine(lines, "data: {\"state\":\"live\"}");
            TinyRuns.append(runs.resolve(LIVE), TinyRuns.second("platform-thread", 7));
            String second = awaitLine(lines, "data: {\"type\":\"second\"");
            assertThat(second).contains("\"second\":7");
        } finally {
            reader.interrupt();
            response.cancel(true);
        }
        assertThat(get("/api/live?path=" + RUN).statusCode()).as("a folder without a feed").isEqualTo(404);
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            assertThat(line).as("the stream").doesNotStartWith("failed: ");
        }
        throw new AssertionError("no line starting " + prefix + " within " + WAIT_SECONDS + " s");
    }

    @Test
    void aRunStartsLiveFromAPickedOrAnEditedScenarioAndStops() throws Exception {
        int before = LAUNCHER.launched.size();
        JsonNode picked = json(post("/api/start", TOKEN.value(), Map.of("file", scenario.toString(),
                "edited", false)));
        assertThat(LAUNCHER.last().args).containsExactly("run", scenario.toString(), "--live", "--out",
                runs.resolve(picked.get("folder").asText()).toString(), "--exit-with-parent");
        assertThat(picked.get("folder").asText()).matches("\\d{8}-\\d{6}-ok-study");

        String text = "name: edited-study\nfirmware:\n  policy: coalesce\n  rxUsecs: 8\n";
        JsonNode edited = json(post("/api/start", TOKEN.value(), Map.of("file", scenario.toString(), "text", text,
                "edited", true)));
        Path saved = runs.resolve(".dashboard/ok.yaml");
        assertThat(saved).hasContent(text);
        assertThat(LAUNCHER.last().args.get(1)).isEqualTo(saved.toString());
        assertThat(edited.get("folder").asText()).endsWith("-edited-study");

        HttpResponse<String> bad = post("/api/start", TOKEN.value(), Map.of("text", "firmware:\n  budgit: 1\n"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").asText()).startsWith("error: " + runs.resolve(".dashboard/scenario.yaml")
                + ":2:3:");
        assertThat(LAUNCHER.launched).as("nothing started for a bad scenario").hasSize(before + 2);

        assertThat(post("/api/stop", TOKEN.value(), Map.of("id", edited.get("id").asText())).statusCode())
                .isEqualTo(200);
        assertThat(LAUNCHER.last().stopped).isTrue();
        assertThat(post("/api/stop", TOKEN.value(), Map.of("id", "nope")).statusCode()).isEqualTo(404);
        JsonNode started = json(get("/api/started")).get("started");
        assertThat(started.findValuesAsText("id")).contains(picked.get("id").asText(), edited.get("id").asText());
    }
}
