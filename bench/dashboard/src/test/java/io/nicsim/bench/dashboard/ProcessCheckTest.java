package io.nicsim.bench.dashboard;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ProcessCheck#SYSTEM}: a feed's process is alive only while its pid runs the process that wrote the feed. */
class ProcessCheckTest {

    @Test
    void thisProcessIsAliveAndAPidStartedAfterTheFeedIsNotItsProcess() {
        long pid = ProcessHandle.current().pid();
        assertThat(ProcessCheck.SYSTEM.alive(pid, Instant.now().toString())).isTrue();
        assertThat(ProcessCheck.SYSTEM.alive(pid, "2000-01-01T00:00:00Z")).as("a reused pid").isFalse();
        assertThat(ProcessCheck.SYSTEM.alive(pid, "not a time")).as("no time to compare: the pid decides").isTrue();
    }

    @Test
    void aProcessThatEndedIsNotAlive() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        assertThat(ProcessCheck.SYSTEM.alive(ended.pid(), Instant.now().toString())).isFalse();
    }
}
