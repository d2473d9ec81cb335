package io.nicsim.bench.run.pin;

import net.openhft.affinity.Affinity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * OpenHFT's library on this machine, for real: the contract, and a pin to CPU 1 as the kernel sees it
 * ({@code Cpus_allowed_list} of {@code /proc/thread-self/status}), then the thread's CPUs restored.
 */
class OpenHftAffinityTest {

    private static final Path STATUS = Path.of("/proc/thread-self/status");

    @Test
    void keepsTheContract() throws Exception {
        assertThat(CpuAffinityContract.verify(OpenHftAffinity.INSTANCE)).isNotNegative();
    }

    @Test
    void pinsThisThreadToCpu1AsTheKernelSeesItThenRestoresIt() throws Exception {
        List<Integer> before = OpenHftAffinity.INSTANCE.allowedCpus();
        assumeThat(before).as("CPU 1 usable here").contains(1);
        String kernelBefore = cpusAllowed();
        BitSet restore = Affinity.getAffinity();
        try {
            OpenHftAffinity.INSTANCE.pin(1);
            assertThat(cpusAllowed()).isEqualTo("1");
            assertThat(OpenHftAffinity.INSTANCE.allowedCpus()).containsExactly(1);
        } finally {
            Affinity.setAffinity(restore);
        }
        assertThat(cpusAllowed()).isEqualTo(kernelBefore);
        assertThat(OpenHftAffinity.INSTANCE.allowedCpus()).isEqualTo(before);
    }

    /** @return the calling thread's {@code Cpus_allowed_list}, e.g. {@code 0-1} */
    private static String cpusAllowed() throws IOException {
        return Files.readAllLines(STATUS).stream().filter(line -> line.startsWith("Cpus_allowed_list:"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElseThrow();
    }
}
