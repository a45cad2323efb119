package dev.nhiguard.ownership;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.classification.ClassificationRules;
import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.store.OwnerGoneRecords;
import dev.nhiguard.store.UnjudgedArrivals;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code nhi-owner-required} rules applied to a client: the executor at a save and at the token endpoint, and the
 * readiness view for every stored client, with one set of rules.
 */
public final class StoredOwnership {

    static final List<String> OWNERSHIP_ATTRIBUTES = List.of(
            NhiAttributes.OWNER, NhiAttributes.OWNER_ID, NhiAttributes.OWNER_GROUP, NhiAttributes.PURPOSE, NhiAttributes.REVIEW_BY, NhiAttributes.TIER,
            NhiAttributes.ENVIRONMENT, NhiAttributes.EXPIRY_EXEMPT_UNTIL, NhiAttributes.EXPIRY_EXEMPT_REASON);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OwnerRequiredConfig config;

    public StoredOwnership(KeycloakSession session, RealmModel realm, OwnerRequiredConfig config) {
        this.session = session;
        this.realm = realm;
        this.config = config;
    }

    /** What a save of a client with this clientId and these ownership attributes breaks. */
    List<FieldViolation> onSave(String clientId, Map<String, String> attributes) {
        List<FieldViolation> violations = new ArrayList<>();
        OwnershipRules.checkClientId(clientId).ifPresent(violations::add);
        violations.addAll(new OwnershipRules(config).check(attributes, directory(), today()));
        violations.addAll(ClassificationRules.check(attributes));
        return violations;
    }

    /** What a save of the stored client as it is would break. */
    public List<FieldViolation> onSave(ClientModel client) {
        return onSave(client.getClientId(), attributes(client));
    }

    /** What stops the stored client's tokens, after the owner grace period of an owner deleted through Keycloak. */
    public List<FieldViolation> atTokenTime(ClientModel client) {
        if (!config.enforceOnTokenRequest()) {
            return List.of();
        }
        String[] values = values(client);
        long epochDay = dev.nhiguard.shared.PackClock.today().toEpochDay();
        CompliantOwnershipMemo.Key key = new CompliantOwnershipMemo.Key(client.getId(), values, config, epochDay);
        if (CompliantOwnershipMemo.isCompliant(key)) {
            return List.of();
        }
        OwnershipRules rules = new OwnershipRules(config);
        Map<String, String> attributes = attributes(values);
        LocalDate today = LocalDate.ofEpochDay(epochDay);
        List<FieldViolation> all = new ArrayList<>();
        OwnershipRules.checkClientId(client.getClientId()).ifPresent(all::add);
        all.addAll(rules.check(attributes, directory(), today));
        List<FieldViolation> violations = all.stream()
                .filter(v -> !OwnershipRules.LIFECYCLE.contains(v.finding()) && v.finding() != Finding.OWNER_UNVERIFIED).toList();
        if (violations.size() < all.size() && arrivedUnjudged(client)) {
            // no save ever accepted it (it came in through an import): judged in full, as its creation would have been
            List<FieldViolation> asCreated = new ArrayList<>();
            OwnershipRules.checkClientId(client.getClientId()).ifPresent(asCreated::add);
            asCreated.addAll(rules.checkAsCreated(attributes, directory(), today));
            if (asCreated.isEmpty()) {
                CompliantOwnershipMemo.compliant(key);
            }
            return asCreated;
        }
        if (violations.isEmpty()) {
            // only a verdict that found nothing is kept: one let through by the owner grace period ends with the period
            CompliantOwnershipMemo.compliant(key);
            return violations;
        }
        return withinOwnerGrace(client, violations);
    }

    private boolean arrivedUnjudged(ClientModel client) {
        return new UnjudgedArrivals(session.getProvider(JpaConnectionProvider.class).getEntityManager()).isUnjudged(client.getId());
    }

    /** Whether the client's ownership is in order as a create would judge it: an unjudged arrival then stops being one. */
    public boolean inOrderAsCreated(ClientModel client) {
        return OwnershipRules.checkClientId(client.getClientId()).isEmpty()
                && new OwnershipRules(config).checkAsCreated(attributes(client), directory(), today()).isEmpty();
    }

    static Map<String, String> attributes(ClientModel client) {
        return attributes(values(client));
    }

    /** The client's ownership attributes, in the order of {@link #OWNERSHIP_ATTRIBUTES}, and its clientId last. */
    private static String[] values(ClientModel client) {
        String[] values = new String[OWNERSHIP_ATTRIBUTES.size() + 1];
        for (int i = 0; i < OWNERSHIP_ATTRIBUTES.size(); i++) {
            values[i] = client.getAttribute(OWNERSHIP_ATTRIBUTES.get(i));
        }
        values[OWNERSHIP_ATTRIBUTES.size()] = client.getClientId();
        return values;
    }

    private static Map<String, String> attributes(String[] values) {
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < OWNERSHIP_ATTRIBUTES.size(); i++) {
            attributes.put(OWNERSHIP_ATTRIBUTES.get(i), values[i]);
        }
        return attributes;
    }

    /**
     * An owner deleted through Keycloak (the deletion is recorded as it happens) starts the realm's owner grace period,
     * as a disabled one does; only a name that is no user without such a record (a typo, an import) stops tokens at once.
     */
    private List<FieldViolation> withinOwnerGrace(ClientModel client, List<FieldViolation> violations) {
        if (violations.stream().noneMatch(v -> v.finding() == Finding.OWNER_MISSING)) {
            return violations;
        }
        OwnerGoneRecords.Gone gone = new OwnerGoneRecords(session.getProvider(JpaConnectionProvider.class).getEntityManager())
                .forClient(client.getId());
        long graceMillis = ExpirySettings.of(client.getRealm()).ownerGraceDays() * 86_400_000L;
        if (gone != null && gone.state() == OwnerGoneRecords.State.DELETED && gone.since() + graceMillis > PackClock.millis()) {
            return violations.stream().filter(v -> v.finding() != Finding.OWNER_MISSING).toList();
        }
        return violations;
    }

    private OwnerDirectory directory() {
        return new RealmOwnerDirectory(session, realm);
    }

    private static LocalDate today() {
        return PackClock.today();
    }
}
