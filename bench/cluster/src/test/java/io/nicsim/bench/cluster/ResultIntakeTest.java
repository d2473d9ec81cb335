package io.nicsim.bench.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A result coming back is checked before and while it is written, and lands in DEST/FOLDER whole or not at all:
 * traversal, absolute and deep names, journals, oversize files and results, lies about sizes and hashes, an unusable
 * summary.json; a folder already there is kept.
 */
class ResultIntakeTest {

    private static final String SHA = "0".repeat(64);

    @TempDir
    Path tmp;

    private Path source() throws Exception {
        return TinyRunFolder.write(tmp.resolve("worker").resolve("p1"), "nicsim sweep --point 1");
    }

    private static void sendAll(ResultIntake intake, Path runDir, List<ResultRules.FileEntry> files)
            throws Exception {
        for (int i = 0; i < files.size(); i++) {
            Path file = runDir.resolve(files.get(i).name());
            for (long offset = 0; offset < files.get(i).bytes(); offset += 7) {
                intake.write(i, offset, ResultFiles.read(file, offset, 7));
            }
        }
    }

    private List<String> listing(Path dest) throws Exception {
        try (Stream<Path> walk = Files.walk(dest)) {
            return walk.map(p -> dest.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aWholeResultMovesIntoPlaceInOneStep() throws Exception {
        Path runDir = source();
        Path dest = tmp.resolve("dest");
        List<ResultRules.FileEntry> files = ResultFiles.manifest(runDir);
        ResultIntake intake = ResultIntake.open(dest, "p1", 1, files);
        assertThat(intake.staging()).isEqualTo(dest.resolve(".incoming-p1-1"));
        sendAll(intake, runDir, files);
        assertThat(dest.resolve("p1")).doesNotExist();
        assertThat(intake.finish()).isEqualTo(ResultIntake.Outcome.MOVED);
        assertThat(listing(dest)).containsExactly("", "p1", "p1/.nicsim-run", "p1/0-busy-poll",
                "p1/0-busy-poll/notification.hgrm", "p1/summary.json");
        assertThat(Files.readString(dest.resolve("p1/summary.json"))).contains("nicsim sweep --point 1");
    }

    @Test
    void namesThatLeaveTheFolderGoDeepOrNameJournalsAreRefusedBeforeAnythingIsWritten() {
        for (String name : List.of("../escape", "/etc/passwd", "a/../../b", "..", ".", "a/b/c", "queues/0/x",
                "queues", "a b", "a\\b", "", "a//b", "dir/", "\u00e9t\u00e9")) {
            assertThat(ResultRules.nameProblem(name)).as(name).isNotNull();
            assertThatThrownBy(() -> ResultIntake.open(tmp.resolve("dest"), "p1", 1,
                    List.of(new ResultRules.FileEntry(name, 1, SHA), new ResultRules.FileEntry("summary.json", 1,
                            SHA)))).as(name).isInstanceOf(ResultIntake.ResultRefused.class);
        }
        assertThat(ResultRules.nameProblem("0-busy-poll/notification.hgrm")).isNull();
        assertThat(ResultRules.nameProblem("firmware.rxUsecs=16")).isNull();
        assertThat(tmp.resolve("dest")).doesNotExist();
        assertThatThrownBy(() -> ResultIntake.open(tmp.resolve("dest"), "../up", 1, List.of(
                new ResultRules.FileEntry("summary.json", 1, SHA)))).hasMessageContaining("folder name '../up'");
    }

    @Test
    void sizesAndCountsAreBoundedAndASummaryIsRequired() {
        assertThat(ResultRules.manifestProblem(List.of(new ResultRules.FileEntry("summary.json",
                ResultRules.MAX_FILE_BYTES + 1, SHA)))).contains("bytes (at most");
        List<ResultRules.FileEntry> big = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            big.add(new ResultRules.FileEntry("packets-" + i + ".csv", ResultRules.MAX_FILE_BYTES, SHA));
        }
        big.add(new ResultRules.FileEntry("summary.json", 1, SHA));
        assertThat(ResultRules.manifestProblem(big)).contains("bytes in all");
        List<ResultRules.FileEntry> many = new ArrayList<>(Collections.nCopies(1, new ResultRules.FileEntry(
                "summary.json", 1, SHA)));
        for (int i = 0; i < ResultRules.MAX_FILES; i++) {
            many.add(new ResultRules.FileEntry("f" + i, 1, SHA));
        }
        assertThat(ResultRules.manifestProblem(many)).contains("files, more than");
        assertThat(ResultRules.manifestProblem(List.of(new ResultRules.FileEntry("report.html", 1, SHA))))
                .isEqualTo("no summary.json");
        assertThat(ResultRules.manifestProblem(List.of(new ResultRules.FileEntry("summary.json", -1, SHA))))
                .contains("-1 bytes");
        assertThat(ResultRules.manifestProblem(List.of(new ResultRules.FileEntry("summary.json", 1, "abc"))))
                .contains("without a SHA-256");
        assertThat(ResultRules.manifestProblem(List.of(new ResultRules.FileEntry("summary.json", 1, SHA),
                new ResultRules.FileEntry("summary.json", 1, SHA)))).contains("twice");
        assertThat(ResultRules.manifestProblem(List.of(new ResultRules.FileEntry("summary.json", 1, SHA),
                new ResultRules.FileEntry("a", 1, SHA), new ResultRules.FileEntry("a/b", 1, SHA))))
                .contains("both a file and a folder");
    }

    @Test
    void chunksPastTheAnnouncedSizeOrOutOfOrderAreRefused() throws Exception {
        ResultIntake intake = ResultIntake.open(tmp.resolve("dest"), "p1", 1,
                List.of(new ResultRules.FileEntry("summary.json", 4, SHA)));
        assertThatThrownBy(() -> intake.write(0, 2, new byte[2])).hasMessageContaining("at 2, expected 0");
        assertThatThrownBy(() -> intake.write(0, 0, new byte[5])).hasMessageContaining("longer than the 4 bytes");
        assertThatThrownBy(() -> intake.write(1, 0, new byte[1])).hasMessageContaining("a chunk of file 1 of 1");
        intake.write(0, 0, new byte[3]);
        assertThatThrownBy(intake::finish).hasMessageContaining("has 3 of 4 bytes");
    }

    @Test
    void aFileWhoseHashDiffersIsRefusedAndNothingLands() throws Exception {
        Path runDir = source();
        Path dest = tmp.resolve("dest");
        List<ResultRules.FileEntry> files = new ArrayList<>(ResultFiles.manifest(runDir));
        ResultRules.FileEntry first = files.getFirst();
        files.set(0, new ResultRules.FileEntry(first.name(), first.bytes(), SHA));
        ResultIntake intake = ResultIntake.open(dest, "p1", 1, files);
        sendAll(intake, runDir, files);
        assertThatThrownBy(intake::finish).hasMessage("'" + first.name() + "' does not match its SHA-256 (altered or"
                + " damaged)");
        intake.discard();
        assertThat(listing(dest)).containsExactly("");
    }

    @Test
    void aSummaryThatIsNotOneIsRefused() throws Exception {
        Path runDir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(runDir.resolve("summary.json"), "{\"scenario\": \"x\", \"runs\": [", StandardCharsets.UTF_8);
        Path dest = tmp.resolve("dest");
        List<ResultRules.FileEntry> files = ResultFiles.manifest(runDir);
        ResultIntake intake = ResultIntake.open(dest, "p1", 1, files);
        sendAll(intake, runDir, files);
        assertThatThrownBy(intake::finish).isInstanceOf(ResultIntake.ResultRefused.class)
                .hasMessageContaining("summary.json").hasMessageNotContaining("\n");
        Files.writeString(runDir.resolve("summary.json"), "{\"scenario\": \"x\", \"runs\": []}");
        List<ResultRules.FileEntry> empty = ResultFiles.manifest(runDir);
        ResultIntake again = ResultIntake.open(dest, "p1", 2, empty);
        sendAll(again, runDir, empty);
        assertThatThrownBy(again::finish).hasMessageContaining("runs: missing or empty");
        assertThat(dest.resolve("p1")).doesNotExist();
    }

    @Test
    void aFolderAlreadyThereIsKeptAndTheStagingRemoved() throws Exception {
        Path runDir = source();
        Path dest = tmp.resolve("dest");
        Files.createDirectories(dest.resolve("p1"));
        Files.writeString(dest.resolve("p1").resolve("mine.txt"), "keep");
        List<ResultRules.FileEntry> files = ResultFiles.manifest(runDir);
        ResultIntake intake = ResultIntake.open(dest, "p1", 1, files);
        sendAll(intake, runDir, files);
        assertThat(intake.finish()).isEqualTo(ResultIntake.Outcome.DUPLICATE);
        assertThat(listing(dest)).containsExactly("", "p1", "p1/mine.txt");
    }

    @Test
    void theWorkersManifestLeavesTheJournalsOut() throws Exception {
        Path runDir = source();
        Files.createDirectories(runDir.resolve("queues/0-busy-poll/descriptors"));
        Files.writeString(runDir.resolve("queues/0-busy-poll/descriptors/x.cq4"), "journal");
        assertThat(ResultFiles.manifest(runDir)).extracting(ResultRules.FileEntry::name)
                .containsExactly(".nicsim-run", "0-busy-poll/notification.hgrm", "summary.json");
        assertThat(ResultRules.manifestProblem(ResultFiles.manifest(runDir))).isNull();
    }

    @Test
    void stagingLeftByADeadCoordinatorIsRemoved() throws Exception {
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        Files.createDirectories(dest.resolve(".incoming-p1-1/0-busy-poll"));
        Files.writeString(dest.resolve(".incoming-p1-1/0-busy-poll/x"), "half");
        Files.createDirectories(dest.resolve("p2"));
        ResultIntake.cleanStaging(dest);
        assertThat(listing(dest)).containsExactly("", "p2");
    }
}
