package dev.nhiguard.shared;

import java.util.List;

/** Client attribute names the pack reads and writes. The pack's own start with {@code nhi.} so they never clash with Keycloak's. */
public final class NhiAttributes {

    public static final String OWNER = "nhi.owner";
    /**
     * The id of the user {@link #OWNER} was bound to when it was set (or {@code none}): written by the pack, never
     * taken from a save; it travels with a realm export so that a realm moved elsewhere knows its owners are unverified.
     */
    public static final String OWNER_ID = "nhi.owner-id";
    public static final String OWNER_GROUP = "nhi.owner-group";
    public static final String PURPOSE = "nhi.purpose";
    public static final String REVIEW_BY = "nhi.review-by";
    /** standard, high or critical; absent means standard, anything else is read as critical. */
    public static final String TIER = "nhi.tier";
    public static final String ENVIRONMENT = "nhi.environment";
    /** A date ({@code yyyy-MM-dd}, at most a year ahead) until which the expiry sweep leaves the client alone. */
    public static final String EXPIRY_EXEMPT_UNTIL = "nhi.expiry-exempt-until";
    /** Why it is exempt; required with the date. */
    public static final String EXPIRY_EXEMPT_REASON = "nhi.expiry-exempt-reason";

    /** Keycloak's own attributes that the pack judges. */
    public static final String KC_SECRET_CREATION_TIME = "client.secret.creation.time";
    /** Set by Keycloak's secret rotation ({@code secret-rotation} executor); Keycloak refuses the secret after it. */
    public static final String KC_SECRET_EXPIRATION_TIME = "client.secret.expiration.time";
    /** Keycloak's secret rotation: the previous secret, accepted until its expiry (read, never shown). */
    public static final String KC_ROTATED_SECRET = "client.secret.rotated";
    public static final String KC_ROTATED_SECRET_CREATION_TIME = "client.secret.rotated.creation.time";
    public static final String KC_ROTATED_SECRET_EXPIRATION_TIME = "client.secret.rotated.expiration.time";
    public static final String KC_CERT_BOUND_TOKENS = "tls.client.certificate.bound.access.tokens";
    public static final String KC_DPOP_BOUND_TOKENS = "dpop.bound.access.tokens";
    public static final String KC_JWT_CERTIFICATE = "jwt.credential.certificate";
    public static final String KC_X509_SUBJECT_DN = "x509.subjectdn";
    public static final String KC_X509_CA_SUBJECT_DN = "x509.casubjectdn";
    public static final String KC_X509_REGEX = "x509.allow.regex.pattern.comparison";
    public static final String KC_ACCESS_TOKEN_LIFESPAN = "access.token.lifespan";
    public static final String KC_CLIENT_SESSION_MAX_LIFESPAN = "client.session.max.lifespan";
    public static final String KC_CLIENT_CREDENTIALS_REFRESH = "client_credentials.use_refresh_token";
    public static final String KC_RFC9068_HEADER = "access.token.header.type.rfc9068";
    public static final String KC_STANDARD_TOKEN_EXCHANGE = "standard.token.exchange.enabled";
    public static final String KC_DEVICE_GRANT = "oauth2.device.authorization.grant.enabled";
    public static final String KC_CIBA_GRANT = "oidc.ciba.grant.enabled";
    public static final String KC_JWT_AUTHORIZATION_GRANT = "oauth2.jwt.authorization.grant.enabled";

    /** Grants Keycloak switches on per client through an attribute; each one mints tokens outside client_credentials. */
    public static final List<String> KC_GRANT_SWITCHES = List.of(
            KC_STANDARD_TOKEN_EXCHANGE, KC_DEVICE_GRANT, KC_CIBA_GRANT, KC_JWT_AUTHORIZATION_GRANT);

    /** Every Keycloak attribute a rule of the pack reads; the inventory loads exactly these besides {@code nhi.*}. */
    public static final List<String> KC_JUDGED = List.of(
            KC_SECRET_CREATION_TIME, KC_SECRET_EXPIRATION_TIME, KC_ROTATED_SECRET, KC_ROTATED_SECRET_CREATION_TIME,
            KC_ROTATED_SECRET_EXPIRATION_TIME, KC_CERT_BOUND_TOKENS, KC_DPOP_BOUND_TOKENS, KC_JWT_CERTIFICATE, KC_X509_SUBJECT_DN, KC_X509_CA_SUBJECT_DN,
            KC_X509_REGEX, KC_ACCESS_TOKEN_LIFESPAN, KC_CLIENT_SESSION_MAX_LIFESPAN, KC_CLIENT_CREDENTIALS_REFRESH,
            KC_RFC9068_HEADER, KC_STANDARD_TOKEN_EXCHANGE, KC_DEVICE_GRANT, KC_CIBA_GRANT, KC_JWT_AUTHORIZATION_GRANT);

    private NhiAttributes() {
    }
}
