package dev.nhiguard.scope;

import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;
import dev.nhiguard.shared.RealmLifespans;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.shared.TokenLifespan;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Which settings of a machine client put more into its tokens than it asks for, or let it get tokens some other way
 * than client_credentials. One set of rules, judged at three moments: when the client is saved, when it asks for a
 * token, and in the inventory. Pure.
 */
public final class MachineClientRules {

    private final ScopeNarrowingConfig config;

    public MachineClientRules(ScopeNarrowingConfig config) {
        this.config = config;
    }

    /** Everything true of the client, as the inventory reports it. */
    public List<FieldViolation> findings(ClientSnapshot client, RealmLifespans realm) {
        return findings(client, realm, OptionalInt.empty());
    }

    /** @param cap the cap a policy certainly puts on the client's tokens: a longer lifespan is then not what they live */
    public List<FieldViolation> findings(ClientSnapshot client, RealmLifespans realm, OptionalInt cap) {
        List<FieldViolation> violations = new ArrayList<>(settings(client));
        violations.addAll(lifespan(client, realm, true, cap));
        if (hasBroadScope(client)) {
            violations.add(new FieldViolation("optionalClientScopes", NhiMessages.format("nhiBroadScopeHeld"), Finding.BROAD_SCOPE));
        }
        return violations;
    }

    /** What a save is refused for: every setting, and a lifespan of the client's own that is odd or too long. */
    public List<FieldViolation> refusedOnSave(ClientSnapshot client, RealmLifespans realm) {
        List<FieldViolation> violations = new ArrayList<>(settings(client));
        violations.addAll(lifespan(client, realm, false, OptionalInt.empty()));
        return violations;
    }

    /**
     * What a token request is refused for. A lifespan Keycloak can read is capped in the response instead; one it
     * cannot read would make Keycloak fail the request, so it is refused here with a reason.
     */
    public List<FieldViolation> refusedAtTokenTime(ClientSnapshot client) {
        List<FieldViolation> violations = new ArrayList<>(settings(client));
        String lifespan = client.attribute(NhiAttributes.KC_ACCESS_TOKEN_LIFESPAN);
        if (TokenLifespan.read(lifespan).kind() == TokenLifespan.Kind.UNREADABLE) {
            violations.add(invalidLifespan(lifespan));
        }
        return violations;
    }

    private List<FieldViolation> settings(ClientSnapshot client) {
        List<FieldViolation> violations = new ArrayList<>();
        if (client.fullScopeAllowed()) {
            violations.add(new FieldViolation("fullScopeAllowed", NhiMessages.format("nhiFullScopeAllowed"), Finding.FULL_SCOPE_ALLOWED));
        }
        List<String> extra = new ArrayList<>(0);
        for (String scope : client.defaultScopes()) {
            if (!config.allowedDefaultScopes().contains(scope)) {
                extra.add(scope);
            }
        }
        if (!extra.isEmpty()) {
            extra.sort(null);
            violations.add(new FieldViolation("defaultClientScopes", NhiMessages.format("nhiDefaultScopesNotAllowed",
                    SafeText.echo(String.join(", ", extra), 200), String.join(", ", config.allowedDefaultScopes())), Finding.DEFAULT_SCOPES));
        }
        if (client.isOn(NhiAttributes.KC_CLIENT_CREDENTIALS_REFRESH)) {
            violations.add(new FieldViolation(NhiAttributes.KC_CLIENT_CREDENTIALS_REFRESH,
                    NhiMessages.format("nhiRefreshTokenNotAllowed"), Finding.REFRESH_TOKENS));
        }
        if (config.rfc9068Header() && !client.isOn(NhiAttributes.KC_RFC9068_HEADER)) {
            violations.add(new FieldViolation(NhiAttributes.KC_RFC9068_HEADER, NhiMessages.format("nhiRfc9068Required"), Finding.UNTYPED_TOKENS));
        }
        otherGrant(violations, "standardFlowEnabled", client.standardFlowEnabled());
        otherGrant(violations, "implicitFlowEnabled", client.implicitFlowEnabled());
        otherGrant(violations, "directAccessGrantsEnabled", client.directAccessGrantsEnabled());
        for (String grant : NhiAttributes.KC_GRANT_SWITCHES) {
            otherGrant(violations, grant, client.isOn(grant));
        }
        if (!client.clientMappers().isEmpty()) {
            violations.add(new FieldViolation("protocolMappers", NhiMessages.format("nhiClientMappers",
                    SafeText.echo(String.join(", ", client.clientMappers()), 200)), Finding.CLIENT_MAPPERS));
        }
        return violations;
    }

    private static void otherGrant(List<FieldViolation> violations, String setting, boolean on) {
        if (on) {
            violations.add(new FieldViolation(setting, NhiMessages.format("nhiOtherGrant"), Finding.OTHER_GRANTS));
        }
    }

    /**
     * @param inventory judge as the inventory does: besides the client's own setting, what its tokens really live,
     *                  Keycloak's reading with the realm's value included, under the cap of a policy that certainly
     *                  applies (a save is judged by the value sent only: the token response caps the realm's)
     */
    private List<FieldViolation> lifespan(ClientSnapshot client, RealmLifespans realm, boolean inventory, OptionalInt cap) {
        List<FieldViolation> violations = new ArrayList<>();
        String own = client.attribute(NhiAttributes.KC_ACCESS_TOKEN_LIFESPAN);
        TokenLifespan reading = TokenLifespan.read(own);
        if (!TokenLifespan.isCanonical(own)) {
            violations.add(invalidLifespan(own));
            if (!inventory) {
                return violations;
            }
        }
        if (reading.kind() == TokenLifespan.Kind.SESSION) {
            violations.add(tooLong("-1 (as long as the session)"));
        } else if (reading.kind() == TokenLifespan.Kind.SECONDS && reading.seconds() > config.maxTokenLifespan()) {
            violations.add(tooLong(String.valueOf(reading.seconds())));
        } else if (inventory) {
            OptionalInt lives = applied(reading.effectiveSeconds(realm, client.attribute(NhiAttributes.KC_CLIENT_SESSION_MAX_LIFESPAN)), cap);
            if (lives.isPresent() && lives.getAsInt() > config.maxTokenLifespan()) {
                violations.add(tooLong(String.valueOf(lives.getAsInt())));
            }
        }
        return violations;
    }

    private FieldViolation tooLong(String seconds) {
        return new FieldViolation(NhiAttributes.KC_ACCESS_TOKEN_LIFESPAN,
                NhiMessages.format("nhiLifespanTooLong", seconds, config.maxTokenLifespan()), Finding.LONG_TOKEN_LIFETIME);
    }

    /** How long a token really lives: what Keycloak computes, unless a policy caps it shorter. */
    public static OptionalInt applied(OptionalInt keycloak, OptionalInt cap) {
        if (keycloak.isEmpty() || cap.isEmpty()) {
            return keycloak;
        }
        return OptionalInt.of(Math.min(keycloak.getAsInt(), cap.getAsInt()));
    }

    private FieldViolation invalidLifespan(String value) {
        return new FieldViolation(NhiAttributes.KC_ACCESS_TOKEN_LIFESPAN,
                NhiMessages.format("nhiLifespanNotPlain", SafeText.echo(value, 20), config.maxTokenLifespan()), Finding.INVALID_TOKEN_LIFESPAN);
    }

    /** A scope the client could be given although narrower ones exist: the request it enables would be refused. */
    private boolean hasBroadScope(ClientSnapshot client) {
        List<String> all = new ArrayList<>(client.defaultScopes());
        all.addAll(client.optionalScopes());
        return all.stream().anyMatch(scope -> !ScopeNames.narrowerThan(scope, all, config.separators()).isEmpty());
    }
}
