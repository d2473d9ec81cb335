package io.nicsim.bench.tune;

import io.nicsim.bench.cli.NicsimCli;
import io.nicsim.bench.cli.TestHandlerJars;
import io.nicsim.bench.process.ChildJvm;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.host.cost.HandlerCosts;
import io.nicsim.host.handler.HandlerSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tune's A/B replays run {@code nicsim run} in a child JVM: given a handler loaded from jars, the child is given the
 * same jars and runs the same class (here in virtual time, so its summary says a probe measured it there).
 */
@Tag("run")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReplayRunHandlerTest {

    @TempDir
    Path dir;

    @Test
    void aReplayInAChildJvmLoadsTheHandlerFromTheSameJars() throws Exception {
        TestHandlerJars jars = TestHandlerJars.make(dir.resolve("jars"));
        System.setProperty(ChildJvm.MAIN_PROPERTY, NicsimCli.class.getName());
        try (URLClassLoader loader = new URLClassLoader("nicsim-handler-jars",
                new URL[] {jars.handlers().toUri().toURL()}, getClass().getClassLoader())) {
            HandlerSource source = HandlerSource.of(loader.loadClass("com.example.Spinning"), "test");
            Summary summary = ReplayRun.run(ScenarioLoader.load(null, List.of("host.handler=com.example.Spinning",
                    "run.clock=virtual", "host.consumer=platform-thread", "traffic.ratePerSecond=5kpps")),
                    dir.resolve("points").resolve("ab-1"), source, BestScenario.DEFAULT_REPLAY_NANOS);
            HandlerCosts handler = summary.runs().getFirst().costs().handler();
            assertThat(handler).as("the child probed the handler").isNotNull();
            assertThat(handler.className()).isEqualTo("com.example.Spinning");
            assertThat(handler.measuredBy()).isEqualTo(HandlerCosts.BY_PROBE);
        }
    }
}
