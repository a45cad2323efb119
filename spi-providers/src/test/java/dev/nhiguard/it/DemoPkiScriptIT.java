package dev.nhiguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.ServerJdk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** scripts/demo-pki.sh, which run.sh uses for the README's mutual-TLS walkthrough, makes what the demo realm expects. */
class DemoPkiScriptIT {

    @Test
    void theDemoClientCertificateMatchesTheDemoRealmAndTheServerCertificateNamesLocalhost(@TempDir Path dir) throws Exception {
        assumeTrue(new ProcessBuilder("openssl", "version").start().waitFor(30, TimeUnit.SECONDS), "openssl is optional for the demo");
        Path script = Path.of(System.getProperty("nhi.realm.exports")).getParent().resolve("scripts/demo-pki.sh");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), dir.toString()).redirectErrorStream(true);
        builder.environment().put("KEYTOOL", ServerJdk.find().resolve("bin/keytool").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);

        JsonNode realm = AdminApi.JSON.readTree(Path.of(System.getProperty("nhi.realm.exports"), "nhi-demo-realm.json").toFile());
        String registered = null;
        for (JsonNode client : realm.get("clients")) {
            if (client.get("clientId").asText().equals("settlement-gateway")) {
                registered = client.get("attributes").get("x509.subjectdn").asText();
            }
        }
        X509Certificate gateway = read(dir.resolve("settlement-gateway.pem"));
        assertEquals(registered, gateway.getSubjectX500Principal().getName());
        X509Certificate server = read(dir.resolve("server.pem"));
        assertTrue(server.getSubjectAlternativeNames().toString().contains("localhost"));
        gateway.verify(read(dir.resolve("ca.pem")).getPublicKey());

        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("truststore.p12"))) {
            trust.load(in, "nhi-demo-pki".toCharArray());
        }
        assertEquals(1, trust.size());
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
