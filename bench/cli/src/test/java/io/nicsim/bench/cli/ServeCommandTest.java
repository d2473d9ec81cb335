package io.nicsim.bench.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import io.nicsim.bench.process.ChildJvm;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nicsim serve} in this JVM: it prints its URL with a token, serves the page and the API there, and stops when
 * told (the signal handler's future, completed by the test); bad input is one line, exit 2, nothing created.
 */
@Tag("run")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ServeCommandTest {

    private static final long WAIT_SECONDS = 60;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    Path dir;

    /** A {@code nicsim serve} running in this JVM: its URL (without the token), token, folder and exit code. */
    private record Served(ServeCommand command, CompletableFuture<Integer> code, String url, String token,
                          Path runs, StringWriter out, StringWriter err) {

        int stop() throws Exception {
            command.stop.complete("SIGINT");
            return code.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private Served serve() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NicsimCli.commandLine(new PrintWriter(out), new PrintWriter(err));
        ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
        Path runs = dir.resolve("runs");
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> cli.execute("serve", "--port", "0",
                "--runs", runs.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!out.toString().contains("Ctrl-C stops it")) {
            assertThat(code).as("serve ended early: %s", err).isNotDone();
            assertThat(System.nanoTime()).as("no URL printed; stderr: %s", err).isLessThan(deadline);
            Thread.sleep(20);
        }
        Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)\\?token=([0-9a-f]{48})")
                .matcher(out.toString());
        assertThat(url.find()).as(out.toString()).isTrue();
        assertThat(out.toString()).startsWith("nicsim serve: " + runs + " (created) on " + url.group());
        return new Served(serve, code, url.group(1), url.group(2), runs, out, err);
    }

    @Test
    void itPrintsItsUrlWithATokenServesThePageAndStopsWhenTold() throws Exception {
        Served served = serve();
        assertThat(served.runs()).isDirectory();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(served.url() + "?token="
                + served.token())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>nicsim dashboard</title>");
        HttpResponse<String> access = http.send(HttpRequest.newBuilder(URI.create(served.url() + "api/access"))
                .header("X-Nicsim-Token", served.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(access.statusCode()).isEqualTo(200);

        assertThat(served.stop()).isEqualTo(ExitCodes.OK);
        assertThat(served.out().toString()).endsWith("stopped (SIGINT)" + System.lineSeparator());
    }

    /**
     * End to end, as the page does it: a scenario posted with the token starts a real {@code nicsim run --live} in a
     * child JVM, whose feed the server streams over SSE second by second until its Ended line; the run then lists as
     * completed. Without the token the same request is refused and nothing starts.
     */
    @Test
    void aRunStartedThroughTheApiStreamsItsSecondsUntilItEnds() throws Exception {
        System.setProperty(ChildJvm.MAIN_PROPERTY, NicsimCli.class.getName()); // as NicsimCli.main sets it
        Served served = serve();
        HttpClient http = HttpClient.newHttpClient();
        String scenario = "name: e2e\nrun:\n  clock: virtual\n  warmup: 200ms\n  duration: 3s\n  jitWarmup: 0\n"
                + "  rounds: 1\nhost:\n  consumer: busy-poll\n";
        String body = JSON.writeValueAsString(java.util.Map.of("text", scenario, "edited", true));
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(served.url() + "api/start"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(served.runs()).isEmptyDirectory();

        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(served.url() + "api/start"))
                .header("X-Nicsim-Token", served.token()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String folder = JSON.readTree(started.body()).get("folder").asText();

        List<String> lines = liveLines(http, served.url() + "api/live?path=" + folder);
        List<String> seconds = lines.stream().filter(l -> l.contains("\"type\":\"second\"")).toList();
        assertThat(lines.getFirst()).contains("\"type\":\"started\"", "\"scenario\":\"e2e\"");
        assertThat(seconds).as("a warm-up second and three measured ones").hasSize(4)
                .allMatch(l -> l.contains("\"run\":\"busy-poll\""));
        assertThat(lines.getLast()).contains("\"type\":\"ended\"", "\"outcome\":\"completed\"");
        JsonNode list = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(served.url() + "api/runs")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(list.toString()).contains(folder);
        assertThat(served.runs().resolve(folder).resolve("summary.json")).isRegularFile();
        assertThat(served.stop()).isEqualTo(ExitCodes.OK);
    }

    /** @return the feed's lines the server streams, from its first to its Ended line */
    private static List<String> liveLines(HttpClient http, String url) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> stream;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        do { // 404 until the child JVM has opened its feed
            assertThat(System.nanoTime()).as("no live feed at %s", url).isLessThan(deadline);
            Thread.sleep(100);
            stream = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (stream.statusCode() != 200) {
                stream.body().close();
            }
        } while (stream.statusCode() != 200);
        List<String> lines = new java.util.ArrayList<>();
        try (java.util.stream.Stream<String> body = stream.body()) {
            java.util.Iterator<String> it = body.iterator();
            while (lines.isEmpty() || !lines.getLast().contains("\"type\":\"ended\"")) {
                String line = it.next();
                if (line.startsWith("data: {\"type\"")) {
                    lines.add(line.substring("data: ".length()));
                }
            }
        }
        return lines;
    }

    @Test
    void badInputIsOneLineExitTwoAndNothingCreated() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path runs = dir.resolve("runs");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = String.valueOf(taken.getLocalPort());
            for (List<String> args : List.of(List.of("--port", "70000"), List.of("--port", "-1"),
                    List.of("--bind", "example.com"), List.of("--bind", "300.1.2.3"),
                    List.of("--runs", file.toString()), List.of("--port", port),
                    List.of("--bind", "192.0.2.1", "--port", "0"))) {
                List<String> command = new java.util.ArrayList<>(List.of("serve"));
                command.addAll(args);
                if (!args.contains("--runs")) {
                    command.addAll(List.of("--runs", runs.toString()));
                }
                CliOutcome outcome = CliOutcome.of(command);
                assertThat(outcome.code()).as("%s: %s", args, outcome.err()).isEqualTo(ExitCodes.BAD_INPUT);
                assertThat(outcome.err().lines().toList()).as("%s", args).singleElement().asString()
                        .startsWith("error: --");
                assertThat(runs).as("%s", args).doesNotExist();
            }
            CliOutcome inUse = CliOutcome.of(List.of("serve", "--runs", runs.toString(), "--port", port));
            assertThat(inUse.err()).contains("--port " + port, "in use", "--port 0 picks a free port");
        }
    }
}
