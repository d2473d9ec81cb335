package io.nicsim.bench.cli;

import io.nicsim.bench.results.ProcessStamp;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.results.RunProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** report and inspect on a folder whose run did not finish, or that kept no journal: one line, exit 2. */
class UnfinishedFoldersTest {

    private record Result(int code, String out, String err) {
    }

    private static Result nicsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void reportAndInspectRefuseAnIncompleteFolderInOneLine(@TempDir Path tmp) throws Exception {
        Path dir = RunFolder.create(tmp.resolve("run"));
        Files.writeString(dir.resolve("summary.json"), "{}");
        RunProgress.begin(dir);
        RunProgress.fail(dir, "failed: no space left on device");
        for (String command : new String[] {"report", "inspect"}) {
            Result result = nicsim(command, dir.toString());
            assertThat(result.code()).as(command).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(result.err()).as(command).isEqualTo("error: " + dir + ": incomplete run folder (failed: no"
                    + " space left on device): its files are partial; run the scenario again" + System.lineSeparator());
        }
    }

    @Test
    void aFolderInProgressIsIncompleteOnceItsProcessIsGone(@TempDir Path tmp) throws Exception {
        Path dir = RunFolder.create(tmp.resolve("run"));
        RunProgress.begin(dir);
        Result live = nicsim("report", dir.toString());
        assertThat(live.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(live.err()).contains("run in progress (nicsim pid " + ProcessHandle.current().pid())
                .contains("wait for it to finish").hasLineCount(1);

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        new ProcessStamp(gone.pid(), 0).write(dir.resolve(RunProgress.IN_PROGRESS));
        Result dead = nicsim("inspect", dir.toString());
        assertThat(dead.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(dead.err()).contains("incomplete run folder (its nicsim process (pid " + gone.pid()
                + ") ended before the run finished)").hasLineCount(1);
    }

    @Test
    void inspectSaysARunFolderKeptNoJournalAndHowToGetOne(@TempDir Path tmp) throws Exception {
        Path dir = RunFolder.create(tmp.resolve("point"));
        Files.createDirectories(dir.resolve("queues"));
        Result result = nicsim("inspect", dir.toString());
        assertThat(result.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).isEqualTo("error: " + dir + ": " + InspectCommand.NO_JOURNAL + System.lineSeparator());
        assertThat(InspectCommand.NO_JOURNAL).contains("--keep-journal");

        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        assertThat(nicsim("inspect", foreign.toString()).err()).contains("not a nicsim run folder");
    }
}
