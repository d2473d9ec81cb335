package io.nicsim.bench.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
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

    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    @Test
    void itPrintsItsUrlWithATokenServesThePageAndStopsWhenTold() throws Exception {
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

        Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)\\?token=([0-9a-f]{48})").matcher(out.toString());
        assertThat(url.find()).as(out.toString()).isTrue();
        assertThat(out.toString()).startsWith("nicsim serve: " + runs + " (created) on " + url.group());
        assertThat(runs).isDirectory();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url.group())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>nicsim dashboard</title>");
        HttpResponse<String> access = http.send(HttpRequest.newBuilder(URI.create(url.group(1) + "api/access"))
                .header("X-Nicsim-Token", url.group(2)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(access.statusCode()).isEqualTo(200);

        serve.stop.complete("SIGINT");

        assertThat(code.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).endsWith("stopped (SIGINT)" + System.lineSeparator());
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
