package io.nicsim.examples;

import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the example project to nicsim's build, so it builds offline and runs as nicsim's own tests do: the same plugin
 * versions, the versions of nicsim's artifacts this build makes, the flags of jvm.options, and a scenario that loads
 * and names a handler the example has.
 */
class ExampleProjectTest {

    private static final Poms ROOT = read(Repository.ROOT.resolve("pom.xml"));
    private static final Poms EXAMPLE = read(Repository.EXAMPLE.resolve("pom.xml"));

    private static Poms read(Path pom) {
        try {
            return Poms.read(pom);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    @Test
    void itsPluginsAreTheVersionsNicsimsBuildUses() {
        Map<String, String> example = EXAMPLE.pluginVersions();
        assertThat(example).containsKeys("maven-compiler-plugin", "maven-surefire-plugin", "maven-resources-plugin",
                "maven-jar-plugin");
        Map<String, String> root = ROOT.pluginVersions();
        example.forEach((plugin, version) -> assertThat(version).as(plugin).isEqualTo(root.get(plugin)));
    }

    @Test
    void itDependsOnTheVersionsThisBuildMakes() throws Exception {
        assertThat(EXAMPLE.property("handler-api.version")).isEqualTo(ROOT.property("handler-api.version"));
        assertThat(Files.readString(Repository.ROOT.resolve("handler-api").resolve("pom.xml")))
                .contains("<version>" + ROOT.property("handler-api.version") + "</version>");
        assertThat(EXAMPLE.property("junit-bom.version")).isEqualTo(ROOT.property("junit-bom.version"));
        assertThat(EXAMPLE.property("maven.compiler.release")).isEqualTo(ROOT.property("maven.compiler.release"));
        String rootPom = Files.readString(Repository.ROOT.resolve("pom.xml"));
        assertThat(rootPom).contains("<version>" + EXAMPLE.property("nicsim.version") + "</version>");
    }

    @Test
    void itsTestsRunWithTheFlagsOfJvmOptions() throws Exception {
        List<String> options = Files.readAllLines(Repository.ROOT.resolve("jvm.options")).stream()
                .map(line -> line.replaceAll("#.*", "").trim()).filter(line -> !line.isEmpty())
                .flatMap(line -> Arrays.stream(line.split("\\s+"))).toList();
        assertThat(options).isNotEmpty();
        assertThat(Arrays.asList(EXAMPLE.property("nicsim.jvmFlags").split("\\s+"))).isEqualTo(options);
        assertThat(Files.readString(Repository.EXAMPLE.resolve("pom.xml")))
                .contains("<argLine>${nicsim.jvmFlags}</argLine>");
    }

    @Test
    void itsScenarioLoadsAndNamesAHandlerOfTheExample() throws Exception {
        Scenario scenario = ScenarioLoader.load(Repository.EXAMPLE.resolve("lookup-handler.yaml"), List.of());
        assertThat(scenario.host().consumers()).containsExactly("busy-poll", "platform-thread", "virtual-thread",
                "event-loop");
        Path source = Repository.EXAMPLE.resolve("src/main/java")
                .resolve(scenario.host().handler().replace('.', '/') + ".java");
        assertThat(source).isRegularFile();
    }
}
