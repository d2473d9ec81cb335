package io.nicsim.examples;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parts of a pom the example's checks compare: its own properties and its plugins' versions. */
final class Poms {

    private final Element project;

    private Poms(Element project) {
        this.project = project;
    }

    static Poms read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return new Poms(document.getDocumentElement());
    }

    /** @return the project's own version (not its parent's) */
    String version() {
        Element version = child(project, "version");
        return version == null ? null : version.getTextContent().trim();
    }

    /** @return the value of the project's own property {@code name} (not a profile's), or null */
    String property(String name) {
        Element properties = child(project, "properties");
        Element property = properties == null ? null : child(properties, name);
        return property == null ? null : property.getTextContent().trim();
    }

    /** @return artifactId to version of every plugin with a version anywhere in the pom's build */
    Map<String, String> pluginVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        NodeList plugins = project.getElementsByTagNameNS("*", "plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            Element artifact = child(plugin, "artifactId");
            Element version = child(plugin, "version");
            if (artifact != null && version != null) {
                versions.put(artifact.getTextContent().trim(), version.getTextContent().trim());
            }
        }
        return versions;
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }
}
