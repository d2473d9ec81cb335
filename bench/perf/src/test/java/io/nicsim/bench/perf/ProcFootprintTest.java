package io.nicsim.bench.perf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** /proc/PID parsing from fixed files: status sizes in kB, fd entries, maps lines. */
class ProcFootprintTest {

    private static final String STATUS = """
            Name:\tjava
            VmPeak:\t 5000000 kB
            VmRSS:\t  400000 kB
            RssAnon:\t  130000 kB
            RssFile:\t   25000 kB
            RssShmem:\t  245000 kB
            Threads:\t13
            """;

    @Test
    void readsSizesInKibibytes() {
        assertThat(ProcFootprint.statusBytes(STATUS, "VmRSS")).isEqualTo(400_000L * 1024);
        assertThat(ProcFootprint.statusBytes(STATUS, "RssShmem")).isEqualTo(245_000L * 1024);
        // a key that is the prefix of another is not confused with it
        assertThat(ProcFootprint.statusBytes(STATUS, "VmPeak")).isEqualTo(5_000_000L * 1024);
    }

    @Test
    void aMissingOrOddLineIsNamed() {
        assertThatThrownBy(() -> ProcFootprint.statusBytes(STATUS, "VmSwap"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no VmSwap line");
        assertThatThrownBy(() -> ProcFootprint.statusBytes("Threads:\t13\n", "Threads"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Threads: N kB'");
    }

    @Test
    void countsDescriptorsAndMappings(@TempDir Path proc) throws IOException {
        Files.writeString(proc.resolve("status"), STATUS);
        Path fd = Files.createDirectory(proc.resolve("fd"));
        for (int i = 0; i < 3; i++) {
            Files.createFile(fd.resolve(Integer.toString(i)));
        }
        Files.writeString(proc.resolve("maps"), """
                00400000-00401000 r-xp 00000000 fd:00 1 /usr/bin/java
                7f0000000000-7f0004000000 rw-s 00000000 00:1a 2 /dev/shm/q/20260101F.cq4
                """);

        ProcFootprint f = ProcFootprint.read(proc);

        assertThat(f).isEqualTo(new ProcFootprint(400_000L * 1024, 130_000L * 1024, 25_000L * 1024,
                245_000L * 1024, 3, 2));
    }

    @Test
    void readsThisProcess() throws IOException {
        ProcFootprint self = ProcFootprint.read(ProcFootprint.SELF);
        assertThat(self.rssBytes()).isPositive();
        assertThat(self.fds()).isPositive();
        assertThat(self.maps()).isPositive();
    }
}
