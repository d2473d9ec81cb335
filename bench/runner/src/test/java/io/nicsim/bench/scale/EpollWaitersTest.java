package io.nicsim.bench.scale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The open-file limit the epoll waiters stop short of, read from a /proc limits file. */
class EpollWaitersTest {

    @Test
    void readsTheSoftOpenFileLimitAndUnlimitedAsUnknown(@TempDir Path dir) throws IOException {
        Path limits = dir.resolve("limits");
        Files.writeString(limits, """
                Limit                     Soft Limit           Hard Limit           Units
                Max processes             95555                95555                processes
                Max open files            20000                40000                files
                """);
        assertThat(EpollWaiters.openFileLimit(limits)).isEqualTo(20_000);

        Files.writeString(limits, "Max open files            unlimited            unlimited            files\n");
        assertThat(EpollWaiters.openFileLimit(limits)).isEqualTo(-1);
        assertThat(EpollWaiters.openFileLimit(dir.resolve("none"))).isEqualTo(-1);
    }
}
