package io.nicsim.bench.perf;

import io.nicsim.bench.cli.NicsimCli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One tiny real validation (the NAPI sweep: 3 paced runs of 150 ms and their virtual twins) as a user runs it: what
 * it prints and the Markdown it writes. No figure and no verdict is asserted (the runs are real and short).
 */
@Tag("run")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ValidationCommandTest {

    @TempDir
    Path dir;

    @Test
    void runsAStudyBothWaysAndWritesTheDocument() throws Exception {
        Path md = dir.resolve("validation.md");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute("bench", "validation",
                "--study", "napi", "--warmup", "50ms", "--duration", "150ms", "--markdown", md.toString());

        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains("3 paced runs of 50ms warm-up + 150ms measured",
                "[1/3] napi budget=1, platform-thread: paced ...", "[3/3] napi budget=64", "NAPI budget sweep",
                "targeted comparisons met", "Markdown written to");
        String doc = Files.readString(md);
        assertThat(doc).startsWith("# Virtual time against hardware in the loop").contains("- Machine: ",
                "- Host model: built-in: ", "## Summary", "## 1. NAPI budget sweep", "| budget=8 | platform-thread |",
                "## Why the misses", "## What the model leaves out").doesNotContain("## 2.");
    }
}
