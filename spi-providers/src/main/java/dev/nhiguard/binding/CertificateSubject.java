package dev.nhiguard.binding;

import javax.security.auth.x500.X500Principal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Certificate facts the binding checks need. Pure. */
public final class CertificateSubject {

    private CertificateSubject() {
    }

    /**
     * Attribute types Java's RFC 2253 form writes as OIDs; Keycloak's X.509 authenticator names them, so a registered
     * subject may be written either way.
     */
    private static final Map<String, String> NAMED_OIDS = Map.of(
            "2.5.4.5", "SERIALNUMBER", "2.5.4.15", "BUSINESSCATEGORY",
            "1.3.6.1.4.1.311.60.2.1.3", "JURISDICTIONCOUNTRYNAME", "1.2.840.113549.1.9.1", "EMAILADDRESS");
    private static final Map<String, String> OIDS_BY_NAME = NAMED_OIDS.entrySet().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    /**
     * Compares exactly, as Keycloak's X.509 client authenticator does (RFC 8705 expects the exact DN): both names in
     * their RFC 2253 form, so attribute values keep their case and spaces ({@code CN=SETTLEMENT-GATEWAY} or a doubled
     * space is another subject) while the way the registered name is written (spaces after commas, lower-case
     * attribute types) does not matter. Or as a regular expression over the RFC 2253 form when the client says so.
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
        return exactly(registeredSubject, presented);
    }

    private static boolean exactly(String registered, X500Principal presented) {
        try {
            return new X500Principal(registered, OIDS_BY_NAME).getName(X500Principal.RFC2253, NAMED_OIDS)
                    .equals(presented.getName(X500Principal.RFC2253, NAMED_OIDS));
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

    /** Whether the certificate was issued by the CA of this distinguished name, compared exactly as the subject is. */
    public static boolean issuedBy(X509Certificate certificate, String issuerSubject) {
        return exactly(issuerSubject, certificate.getIssuerX500Principal());
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
