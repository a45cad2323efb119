package dev.nhiguard.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.classification.PolicySelection;
import dev.nhiguard.binding.TokenBindingConfig;
import dev.nhiguard.binding.TokenBindingExecutorFactory;
import dev.nhiguard.ownership.OwnerRequiredConfig;
import dev.nhiguard.ownership.OwnerRequiredExecutorFactory;
import dev.nhiguard.scope.ScopeNarrowingConfig;
import dev.nhiguard.scope.ScopeNarrowingExecutorFactory;
import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.policy.RealmPolicies;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * The options of the pack's executors as the realm's enabled client policies configure them: the inventory judges
 * with exactly these, through the executors' own rules, so a finding means what the policy would do. Where a realm
 * configures one executor in several profiles, the strictest value of each option counts; where it configures none,
 * the executor's defaults.
 */
public record RealmPolicySettings(OwnerRequiredConfig ownership, ScopeNarrowingConfig scope, TokenBindingConfig binding,
                                  List<LifespanCap> lifespanCaps, List<Binding> bindings) {

    /** The realm's settings with every executor at its defaults and no policy: what a realm without the pack's policies has. */
    public RealmPolicySettings(OwnerRequiredConfig ownership, ScopeNarrowingConfig scope, TokenBindingConfig binding, List<LifespanCap> lifespanCaps) {
        this(ownership, scope, binding, lifespanCaps, List.of());
    }

    /** An enabled policy applying nhi-mtls-binding with these options, to the clients its conditions select. */
    public record Binding(List<ClientPolicyConditionRepresentation> conditions, TokenBindingConfig config) {
    }

    /**
     * The binding options this client is judged by: those of the policies that certainly select it (the strictest of
     * them), so a high tier bound by DPoP and a critical tier bound to its certificate are each judged by their own;
     * where no policy certainly selects it, the strictest of the realm's (or the defaults).
     */
    public TokenBindingConfig bindingFor(ClientSnapshot client) {
        return bindings.stream()
                .filter(b -> PolicySelection.selects(b.conditions(), client.attributes()) == PolicySelection.Vote.YES)
                .map(Binding::config).reduce(TokenBindingConfig::strictest).orElse(binding);
    }

    /** An enabled policy applying nhi-scope-narrowing with this cap, to the clients its conditions select. */
    public record LifespanCap(List<ClientPolicyConditionRepresentation> conditions, int seconds) {
    }

    /**
     * The cap nhi-scope-narrowing puts on this client's tokens, when an enabled policy certainly applies it: the
     * inventory never claims a cap it cannot be sure of.
     */
    public OptionalInt lifespanCap(ClientSnapshot client) {
        return lifespanCaps.stream()
                .filter(cap -> PolicySelection.selects(cap.conditions(), client.attributes()) == PolicySelection.Vote.YES)
                .mapToInt(LifespanCap::seconds).min();
    }

    public static RealmPolicySettings read(KeycloakSession session, RealmModel realm) {
        RealmPolicies policies = RealmPolicies.read(session, realm);
        return new RealmPolicySettings(
                strictest(policies, OwnerRequiredExecutorFactory.PROVIDER_ID, OwnerRequiredConfig::fromJson, OwnerRequiredConfig::strictest)
                        .orElse(OwnerRequiredConfig.defaults()),
                strictest(policies, ScopeNarrowingExecutorFactory.PROVIDER_ID, ScopeNarrowingConfig::fromJson, ScopeNarrowingConfig::strictest)
                        .orElse(ScopeNarrowingConfig.defaults()),
                strictest(policies, TokenBindingExecutorFactory.PROVIDER_ID, TokenBindingConfig::fromJson, TokenBindingConfig::strictest)
                        .orElse(TokenBindingConfig.defaults()),
                policies.of(ScopeNarrowingExecutorFactory.PROVIDER_ID).stream()
                        .map(a -> new LifespanCap(a.conditions(), ScopeNarrowingConfig.fromJson(a.executor().getConfiguration()).maxTokenLifespan()))
                        .toList(),
                policies.of(TokenBindingExecutorFactory.PROVIDER_ID).stream()
                        .map(a -> new Binding(a.conditions(), TokenBindingConfig.fromJson(a.executor().getConfiguration())))
                        .toList());
    }

    private static <T> Optional<T> strictest(RealmPolicies policies, String providerId, Function<JsonNode, T> read, BinaryOperator<T> merge) {
        return policies.of(providerId).stream().map(a -> read.apply(a.executor().getConfiguration())).reduce(merge);
    }
}
