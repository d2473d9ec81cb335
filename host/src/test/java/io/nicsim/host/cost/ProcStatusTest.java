package io.nicsim.host.cost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsing of /proc status files, on a fixed sample from a Linux 6.x kernel. */
class ProcStatusTest {

    private static final String SAMPLE = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            Tgid:\t12247
            VmPeak:\t 5123456 kB
            VmRSS:\t  183420 kB
            RssAnon:\t  150000 kB
            Threads:\t31
            SigQ:\t0/96365
            voluntary_ctxt_switches:\t1520
            nonvoluntary_ctxt_switches:\t37
            """;

    @Test
    void readsMemoryThreadsAndContextSwitches() {
        ProcStatus status = ProcStatus.parse(SAMPLE);
        assertThat(status).isEqualTo(new ProcStatus(183_420, 31, 1_520, 37));
    }

    @Test
    void missingFieldsAreUnknown() {
        assertThat(ProcStatus.parse("Name:\tjava\nState:\tR (running)\n")).isEqualTo(ProcStatus.UNKNOWN);
    }

    @Test
    void aTaskFileHasNoRssButHasSwitches(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("status");
        Files.writeString(file,
                "Name:\tnicsim-busy-poll\nvoluntary_ctxt_switches:\t3\nnonvoluntary_ctxt_switches:\t912\n");
        assertThat(ProcStatus.read(file)).isEqualTo(new ProcStatus(-1, -1, 3, 912));
        assertThat(ProcStatus.read(dir.resolve("missing"))).isEqualTo(ProcStatus.UNKNOWN);
    }
}
