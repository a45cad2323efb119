package dev.nhiguard.inventory;

import dev.nhiguard.inventory.ServiceAccountCatalog.FactGroup;
import dev.nhiguard.shared.Finding;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which facts decide a finding, beyond a client's columns, attributes and mappers: a finding filter reads those for
 * the whole realm at once instead of every fact of every client. {@code FindingFactsTest} proves each finding comes
 * out the same from these facts alone as from all of them.
 */
final class FindingFacts {

    private FindingFacts() {
    }

    static Set<FactGroup> needed(Finding finding) {
        return switch (finding) {
            case DEFAULT_SCOPES, BROAD_SCOPE -> EnumSet.of(FactGroup.SCOPES);
            case UNUSED_SCOPE -> EnumSet.of(FactGroup.SCOPES, FactGroup.USAGE);
            case ADMIN_ROLES -> EnumSet.of(FactGroup.ROLES);
            case NEVER_USED, STALE, CERT_EXPIRING -> EnumSet.of(FactGroup.USAGE);
            case SECRET_EXPIRING, SECRET_EXPIRED, UNTRUSTED_SECRET -> EnumSet.of(FactGroup.SECRETS);
            default -> EnumSet.noneOf(FactGroup.class);
        };
    }

    /** The facts as a realm-wide read with only {@code groups} would have them: the other groups empty. */
    static ClientFacts only(ClientFacts full, Set<FactGroup> groups) {
        boolean scopes = groups.contains(FactGroup.SCOPES);
        boolean roles = groups.contains(FactGroup.ROLES);
        boolean usage = groups.contains(FactGroup.USAGE);
        boolean secrets = groups.contains(FactGroup.SECRETS);
        var c = full.client();
        var client = new dev.nhiguard.shared.ClientSnapshot(c.clientId(), c.publicClient(), c.serviceAccountsEnabled(),
                c.standardFlowEnabled(), c.implicitFlowEnabled(), c.directAccessGrantsEnabled(), c.fullScopeAllowed(),
                c.authenticatorType(), c.attributes(), scopes ? c.defaultScopes() : List.of(),
                scopes ? c.optionalScopes() : List.of(), c.clientMappers());
        return new ClientFacts(full.id(), full.enabled(), full.createdTimestamp(), client,
                roles ? full.realmRoles() : List.of(), roles ? full.clientRoles() : Map.of(), roles ? full.groups() : List.of(),
                roles ? full.adminRoles() : List.of(), usage ? full.usage() : null, usage ? full.scopeUses() : Map.of(),
                usage ? full.certificate() : null, secrets ? full.secret() : null);
    }
}
