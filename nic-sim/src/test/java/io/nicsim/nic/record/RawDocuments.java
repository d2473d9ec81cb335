package io.nicsim.nic.record;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Record tests' view of a queue's raw documents, the bytes as written. */
final class RawDocuments {

    private RawDocuments() {
    }

    /** @return the bytes of the tailer's next document, which must be there */
    static byte[] next(ExcerptTailer tailer) {
        try (DocumentContext dc = tailer.readingDocument()) {
            assertThat(dc.isPresent()).isTrue();
            Bytes<?> in = dc.wire().bytes();
            byte[] bytes = new byte[(int) in.readRemaining()];
            in.read(bytes);
            return bytes;
        }
    }
}
