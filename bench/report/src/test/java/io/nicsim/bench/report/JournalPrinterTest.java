package io.nicsim.bench.report;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.nic.queue.DescriptorWriter;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.InterruptWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nicsim inspect}'s printer on a journal written in write-back bursts: every descriptor of every burst is
 * printed once, in order, with its own written stamp and its burst's written-back stamp, merged with the interrupts.
 */
class JournalPrinterTest {

    @Test
    void everyDescriptorOfEveryBurstIsPrintedOnceWithItsBurstsStamp(@TempDir Path dir) {
        try (DeviceQueues queues = DeviceQueues.open(dir);
             DescriptorWriter descriptors = queues.newDescriptorWriter(new ManualNanoClock(0));
             InterruptWriter interrupts = queues.newInterruptWriter(new ManualNanoClock(0))) {
            for (int id = 0; id < 5; id++) { // packets at 0, 1, 2, 3, 4 us; bursts {0, 1, 2} at 2.5 us, {3, 4} at 4 us
                descriptors.add(0, id, 0, 64, 0, 1_000L * id, 1_000L * id, 1_000L * id, 1_000L * id);
                if (id == 2) {
                    descriptors.writeBack(2_500);
                }
            }
            descriptors.writeBack(4_000);
            interrupts.raise(0, 0, 3, 4, 4_000);
        }
        StringWriter text = new StringWriter();
        long printed = JournalPrinter.print(dir, new JournalPrinter.Filter(null, Set.copyOf(JournalPrinter.KINDS), 0,
                Long.MAX_VALUE, 0), new PrintWriter(text));

        List<String> descriptorLines = text.toString().lines().filter(l -> l.contains("descriptor  q0")).toList();
        assertThat(printed).isEqualTo(6);
        assertThat(descriptorLines).hasSize(5);
        for (int id = 0; id < 5; id++) {
            assertThat(descriptorLines.get(id)).contains("packet " + id + " ")
                    .contains(String.format(java.util.Locale.ROOT, "written %.3f", (double) id))
                    .endsWith("written back " + (id < 3 ? "2.500" : "4.000"));
        }
        assertThat(text.toString()).contains("interrupt   q0  #0         packets 3..4 (2)  raised 4.000");
    }
}
