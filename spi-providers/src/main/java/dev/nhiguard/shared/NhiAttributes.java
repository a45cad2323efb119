package dev.nhiguard.shared;

/** Client attribute names the pack reads and writes. All start with {@code nhi.} so they never clash with Keycloak's own. */
public final class NhiAttributes {

    public static final String OWNER = "nhi.owner";
    public static final String OWNER_GROUP = "nhi.owner-group";
    public static final String PURPOSE = "nhi.purpose";
    public static final String REVIEW_BY = "nhi.review-by";

    /** Keycloak's own attributes that the inventory reports on. */
    public static final String KC_SECRET_CREATION_TIME = "client.secret.creation.time";
    public static final String KC_CERT_BOUND_TOKENS = "tls.client.certificate.bound.access.tokens";

    private NhiAttributes() {
    }
}
