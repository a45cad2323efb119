package dev.nhiguard.inventory;

import dev.nhiguard.classification.Tier;
import dev.nhiguard.credentials.SecretLifetime;
import dev.nhiguard.scope.MachineClientRules;
import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.ownership.Owner;
import dev.nhiguard.ownership.OwnerState;
import dev.nhiguard.shared.RealmLifespans;
import dev.nhiguard.shared.ReviewDate;
import dev.nhiguard.shared.TokenLifespan;
import dev.nhiguard.store.UsageRecords;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** Builds the API view of a client from its facts and findings. */
final class InventoryEntries {

    private InventoryEntries() {
    }

    private static String boundUser(ClientSnapshot client) {
        Owner owner = Owner.of(client::attribute);
        return owner.isBound() && !owner.isBoundToNobody() && owner.name() != null ? owner.boundId() : null;
    }

    static InventoryEntry of(ClientFacts facts, OwnerState ownerState, EnumSet<Finding> findings, Instant now, RealmLifespans lifespans,
                             OptionalInt cap, long usageWindowStart, Optional<SecretLifetime> secret) {
        ClientSnapshot client = facts.client();
        String owner = blankToNull(client.attribute(NhiAttributes.OWNER));
        String reviewBy = blankToNull(client.attribute(NhiAttributes.REVIEW_BY));
        boolean overdue = ReviewDate.parse(reviewBy).map(date -> date.isBefore(LocalDate.ofInstant(now, ZoneOffset.UTC))).orElse(false);
        OptionalInt keycloak = TokenLifespan.read(client.attribute(NhiAttributes.KC_ACCESS_TOKEN_LIFESPAN))
                .effectiveSeconds(lifespans, client.attribute(NhiAttributes.KC_CLIENT_SESSION_MAX_LIFESPAN));
        OptionalInt applied = MachineClientRules.applied(keycloak, cap);
        return new InventoryEntry(
                facts.id(),
                client.clientId(),
                facts.enabled(),
                facts.createdTimestamp() == null ? null : Instant.ofEpochMilli(facts.createdTimestamp()).toString(),
                Tier.of(client.attribute(NhiAttributes.TIER)).label(),
                blankToNull(client.attribute(NhiAttributes.ENVIRONMENT)),
                owner,
                owner == null ? null : ownerState.label(),
                boundUser(client),
                blankToNull(client.attribute(NhiAttributes.OWNER_GROUP)),
                blankToNull(client.attribute(NhiAttributes.PURPOSE)),
                reviewBy,
                overdue,
                client.publicClient() ? null : client.authenticatorType(),
                Credentials.type(client),
                secret.map(s -> s.issuedAt().toString()).orElse(null),
                facts.secret() == null || facts.secret().issue() == null ? null : facts.secret().issue().issuedFrom(),
                secret.map(s -> s.ageDays(now)).orElse(null),
                secret.map(s -> s.expiresAt().toString()).orElse(null),
                client.isOn(NhiAttributes.KC_CERT_BOUND_TOKENS),
                Credentials.senderConstraint(client),
                FindingRules.certificateNotAfter(facts).map(Instant::toString).orElse(null),
                client.defaultScopes(),
                client.optionalScopes(),
                facts.realmRoles(),
                facts.clientRoles(),
                facts.groups(),
                facts.adminRoles(),
                client.fullScopeAllowed(),
                grants(client),
                client.clientMappers(),
                applied.isPresent() ? applied.getAsInt() : null,
                keycloak.isPresent() ? keycloak.getAsInt() : null,
                iso(facts.lastUsed()),
                facts.usage() == null ? null : iso(facts.usage().lastRefusal()),
                facts.usage() == null ? null : iso(facts.usage().lastFailedAuthentication()),
                facts.usage() == null ? null : facts.usage().lastAddress(),
                facts.usage() == null ? 0 : facts.usage().successesSince(),
                scopeUsage(facts, usageWindowStart),
                findings.stream().map(Enum::name).toList());
    }

    private static String iso(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }

    /** Every scope the client holds, default and optional, with when it was last asked for. */
    private static Map<String, InventoryEntry.ScopeUsage> scopeUsage(ClientFacts facts, long windowStart) {
        Map<String, InventoryEntry.ScopeUsage> usage = new TreeMap<>();
        List<String> held = new ArrayList<>(facts.client().defaultScopes());
        held.addAll(facts.client().optionalScopes());
        for (String scope : held) {
            UsageRecords.ScopeUse use = facts.scopeUses().get(scope);
            Long lastRequested = use == null ? null : use.lastRequested();
            usage.put(scope, new InventoryEntry.ScopeUsage(iso(lastRequested), use == null ? null : iso(use.lastGranted()),
                    lastRequested != null && lastRequested >= windowStart));
        }
        return usage;
    }

    /** The ways this client can obtain tokens, by grant name. */
    static List<String> grants(ClientSnapshot client) {
        List<String> grants = new ArrayList<>();
        if (client.serviceAccountsEnabled() && !client.publicClient()) {
            grants.add("client_credentials");
        }
        if (client.standardFlowEnabled()) {
            grants.add("authorization_code");
        }
        if (client.implicitFlowEnabled()) {
            grants.add("implicit");
        }
        if (client.directAccessGrantsEnabled()) {
            grants.add("password");
        }
        if (client.isOn(NhiAttributes.KC_STANDARD_TOKEN_EXCHANGE)) {
            grants.add("token_exchange");
        }
        if (client.isOn(NhiAttributes.KC_DEVICE_GRANT)) {
            grants.add("device_code");
        }
        if (client.isOn(NhiAttributes.KC_CIBA_GRANT)) {
            grants.add("ciba");
        }
        if (client.isOn(NhiAttributes.KC_JWT_AUTHORIZATION_GRANT)) {
            grants.add("jwt_authorization_grant");
        }
        return grants;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
