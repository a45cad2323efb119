package dev.nhiguard.inventory;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Reads the expiry of the certificate Keycloak stores for a private_key_jwt client (base64 DER, PEM armour optional). */
final class RegisteredCertificate {

    private RegisteredCertificate() {
    }

    static Optional<Instant> notAfter(String stored) {
        if (stored == null || stored.isBlank()) {
            return Optional.empty();
        }
        String base64 = stored.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return Optional.of(certificate.getNotAfter().toInstant());
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
