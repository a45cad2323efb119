package dev.nhiguard.shared;

/** Client attribute names the pack reads and writes. All start with {@code nhi.} so they never clash with Keycloak's own. */
public final class NhiAttributes {

    public static final String OWNER = "nhi.owner";
    public static final String OWNER_GROUP = "nhi.owner-group";
    public static final String PURPOSE = "nhi.purpose";
    public static final String REVIEW_BY = "nhi.review-by";
    /** standard, high or critical; absent means standard. */
    public static final String TIER = "nhi.tier";
    public static final String ENVIRONMENT = "nhi.environment";
    /** Written by the pack: the certificate last presented at the token endpoint. */
    public static final String CERT_NOT_AFTER = "nhi.cert.not-after";
    public static final String CERT_THUMBPRINT = "nhi.cert.x5t-s256";

    /** Keycloak's own attributes that the inventory reports on. */
    public static final String KC_SECRET_CREATION_TIME = "client.secret.creation.time";
    public static final String KC_CERT_BOUND_TOKENS = "tls.client.certificate.bound.access.tokens";
    public static final String KC_JWT_CERTIFICATE = "jwt.credential.certificate";
    public static final String KC_X509_SUBJECT_DN = "x509.subjectdn";
    public static final String KC_X509_REGEX = "x509.allow.regex.pattern.comparison";

    private NhiAttributes() {
    }
}
