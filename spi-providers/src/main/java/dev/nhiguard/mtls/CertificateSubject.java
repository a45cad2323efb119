package dev.nhiguard.mtls;

import javax.security.auth.x500.X500Principal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Certificate facts the binding checks need. Pure. */
public final class CertificateSubject {

    private CertificateSubject() {
    }

    /**
     * Compares the way Keycloak's X.509 client authenticator does: as distinguished names (attribute order and
     * spacing do not matter), or as a regular expression over the RFC 2253 form when the client says so.
     */
    public static boolean matches(X509Certificate certificate, String registeredSubject, boolean regex) {
        X500Principal presented = certificate.getSubjectX500Principal();
        if (regex) {
            try {
                return Pattern.compile(registeredSubject).matcher(presented.getName(X500Principal.RFC2253)).matches();
            } catch (PatternSyntaxException e) {
                return false;
            }
        }
        try {
            return new X500Principal(registeredSubject).equals(presented);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Keycloak's reading of {@code x509.allow.regex.pattern.comparison}: absent means yes (its backwards-compatible
     * default), otherwise whatever {@link Boolean#parseBoolean} makes of the value.
     */
    public static boolean comparesAsRegex(String attribute) {
        return attribute == null || Boolean.parseBoolean(attribute);
    }

    /** Whether the certificate was issued by the CA of this distinguished name (compared as names, as Keycloak does). */
    public static boolean issuedBy(X509Certificate certificate, String issuerSubject) {
        try {
            return new X500Principal(issuerSubject).equals(certificate.getIssuerX500Principal());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** RFC 8705 section 3.1 {@code x5t#S256}: base64url of the SHA-256 of the DER certificate, unpadded. */
    public static String thumbprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
