package io.nicsim.bench;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins that the root pom's nicsim.jvmFlags and jvm.options hold the same JVM flags, analytics disabled, and that
 * surefire passes them.
 */
class JvmOptionsConsistencyTest {

    private static final String ANALYTICS_OFF = "-Dchronicle.analytics.disable=true";

    /** Surefire runs with the module folder as working directory; the root is its parent. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static List<String> pomFlags() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document pom = factory.newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
        Element project = pom.getDocumentElement();
        assertThat(project.getLocalName()).isEqualTo("project");
        NodeList properties = project.getElementsByTagNameNS("*", "properties");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < properties.getLength(); i++) {
            Element section = (Element) properties.item(i);
            if (section.getParentNode() != project) {
                continue; // only the project's own properties, not a profile's
            }
            NodeList flags = section.getElementsByTagNameNS("*", "nicsim.jvmFlags");
            for (int k = 0; k < flags.getLength(); k++) {
                values.add(flags.item(k).getTextContent());
            }
        }
        assertThat(values).as("nicsim.jvmFlags in %s", ROOT.resolve("pom.xml")).hasSize(1);
        return split(values.getFirst());
    }

    /** jvm.options is a java @argfile: whitespace-separated arguments, '#' starts a comment. */
    private static List<String> jvmOptions() throws Exception {
        List<String> flags = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("jvm.options"))) {
            int hash = line.indexOf('#');
            flags.addAll(split(hash < 0 ? line : line.substring(0, hash)));
        }
        return flags;
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void pomAndJvmOptionsHoldTheSameFlags() throws Exception {
        List<String> pom = pomFlags();
        List<String> options = jvmOptions();
        assertThat(pom).as("pom flags").isNotEmpty().doesNotHaveDuplicates();
        assertThat(options).as("jvm.options flags").isNotEmpty().doesNotHaveDuplicates();
        assertThat(new LinkedHashSet<>(options)).as("jvm.options vs nicsim.jvmFlags")
                .isEqualTo(new LinkedHashSet<>(pom));
        for (String flag : pom) {
            assertThat(flag).as("a JVM flag, not a stray word or quote").startsWith("-").doesNotContain("\"", "'");
        }
    }

    @Test
    void chronicleAnalyticsAreDisabledEverywhere() throws Exception {
        assertThat(pomFlags()).contains(ANALYTICS_OFF);
        assertThat(jvmOptions()).contains(ANALYTICS_OFF);
    }

    @Test
    void thisTestJvmWasStartedWithTheFlags() throws Exception {
        assertThat(System.getProperty("chronicle.analytics.disable")).isEqualTo("true");
        // every -Dkey=value of the shared list reached this JVM
        Set<String> systemProperties = new LinkedHashSet<>();
        for (String flag : pomFlags()) {
            if (flag.startsWith("-D")) {
                String[] keyValue = flag.substring(2).split("=", 2);
                assertThat(System.getProperty(keyValue[0])).as(flag).isEqualTo(keyValue.length == 2 ? keyValue[1] : "");
                systemProperties.add(keyValue[0]);
            }
        }
        assertThat(systemProperties).contains("chronicle.analytics.disable");
    }
}
