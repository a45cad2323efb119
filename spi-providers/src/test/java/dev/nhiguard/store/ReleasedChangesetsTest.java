package dev.nhiguard.store;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A changeset that has reached a database never changes: Keycloak's Liquibase would refuse to start on every database
 * that ran the old one (a checksum mismatch), and a fixed one would never run there. The test holds each changeset's
 * digest (its element, whitespace between tags ignored) in {@code released-changesets.txt}, in order; a change to a
 * held one fails here, and a new changeset fails until its digest is added at the end.
 */
class ReleasedChangesetsTest {

    private static final String CHANGELOG = "/META-INF/nhi-guard-changelog.xml";
    private static final String RELEASED = "/dev/nhiguard/store/released-changesets.txt";

    @Test
    void everyHeldChangesetIsUnchangedAndNewOnesComeLast() throws Exception {
        Map<String, String> current = digests();
        List<String> held = held();
        List<String> now = new ArrayList<>();
        current.forEach((id, digest) -> now.add(id + " " + digest));
        assertTrue(now.size() >= held.size(), "a released changeset was removed: held " + held + ", now " + now);
        assertEquals(held, now.subList(0, held.size()), "a released changeset was edited or moved; add a new changeset instead");
        assertEquals(List.of(), now.subList(held.size(), now.size()),
                "new changesets: add these lines to " + RELEASED + " once they are final (before any release)");
    }

    private static List<String> held() throws Exception {
        try (InputStream in = ReleasedChangesetsTest.class.getResourceAsStream(RELEASED)) {
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
            return lines;
        }
    }

    private static Map<String, String> digests() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setIgnoringComments(true);
        Map<String, String> digests = new LinkedHashMap<>();
        try (InputStream in = ReleasedChangesetsTest.class.getResourceAsStream(CHANGELOG)) {
            NodeList sets = factory.newDocumentBuilder().parse(in).getDocumentElement().getElementsByTagNameNS("*", "changeSet");
            for (int i = 0; i < sets.getLength(); i++) {
                Element set = (Element) sets.item(i);
                StringBuilder canonical = new StringBuilder();
                write(set, canonical);
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
                digests.put(set.getAttribute("author") + ":" + set.getAttribute("id"), HexFormat.of().formatHex(digest));
            }
        }
        return digests;
    }

    /** Element names, attributes in document order and text, without the whitespace between tags. */
    private static void write(Node node, StringBuilder out) {
        if (node instanceof Element element) {
            out.append('<').append(element.getLocalName());
            for (int i = 0; i < element.getAttributes().getLength(); i++) {
                Node attribute = element.getAttributes().item(i);
                out.append(' ').append(attribute.getNodeName()).append("=\"").append(attribute.getNodeValue()).append('"');
            }
            out.append('>');
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                write(child, out);
            }
            out.append("</").append(element.getLocalName()).append('>');
        } else if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
            out.append(node.getNodeValue().strip());
        }
    }
}
