package dev.nhiguard.rollout;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.anomaly.AnomalyBlocks;
import dev.nhiguard.anomaly.AnomalyBlockExecutorConfiguration;
import dev.nhiguard.credentials.CredentialPolicy;
import dev.nhiguard.credentials.CredentialPolicyExecutorFactory;
import dev.nhiguard.credentials.CredentialRules;
import dev.nhiguard.credentials.SecretAges;
import dev.nhiguard.shared.SharedSecrets;
import dev.nhiguard.anomaly.AnomalyBlockExecutorFactory;
import dev.nhiguard.shared.Finding;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.binding.TokenBindingConfig;
import dev.nhiguard.binding.TokenBindingExecutorFactory;
import dev.nhiguard.binding.TokenBindingRules;
import dev.nhiguard.ownership.OwnerRequiredConfig;
import dev.nhiguard.ownership.OwnerRequiredExecutorFactory;
import dev.nhiguard.ownership.StoredOwnership;
import dev.nhiguard.scope.MachineClientRules;
import dev.nhiguard.scope.ScopeNarrowingConfig;
import dev.nhiguard.scope.ScopeNarrowingExecutorFactory;
import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.shared.ClientSnapshots;
import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.shared.RealmLifespans;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.List;
import java.util.Optional;

/**
 * One pack executor's rules applied to a stored client, as the executor applies them at a save and at the token
 * endpoint: the same rule classes, the options of the profile that holds the executor.
 */
interface RuleJudge {

    record Verdict(List<FieldViolation> atSave, List<FieldViolation> atTokenTime) {
    }

    /** Empty when the executor leaves this client alone (it governs service-account clients only, say). */
    Optional<Verdict> judge(ClientModel client);

    static Optional<RuleJudge> of(String executor, JsonNode options, KeycloakSession session, RealmModel realm) {
        RealmLifespans lifespans = RealmLifespans.of(realm);
        if (OwnerRequiredExecutorFactory.PROVIDER_ID.equals(executor)) {
            StoredOwnership ownership = new StoredOwnership(session, realm, OwnerRequiredConfig.fromJson(options));
            return Optional.of(client -> client.isServiceAccountsEnabled()
                    ? Optional.of(new Verdict(ownership.onSave(client), ownership.atTokenTime(client))) : Optional.empty());
        }
        if (ScopeNarrowingExecutorFactory.PROVIDER_ID.equals(executor)) {
            MachineClientRules rules = new MachineClientRules(ScopeNarrowingConfig.fromJson(options));
            return Optional.of(client -> {
                if (!client.isServiceAccountsEnabled()) {
                    return Optional.empty();
                }
                ClientSnapshot snapshot = ClientSnapshots.of(client);
                return Optional.of(new Verdict(rules.refusedOnSave(snapshot, lifespans), rules.refusedAtTokenTime(snapshot)));
            });
        }
        if (TokenBindingExecutorFactory.PROVIDER_ID.equals(executor)) {
            TokenBindingRules rules = new TokenBindingRules(TokenBindingConfig.fromJson(options));
            return Optional.of(client -> {
                List<FieldViolation> violations = rules.check(ClientSnapshots.of(client));
                return Optional.of(new Verdict(violations, violations));
            });
        }
        if (CredentialPolicyExecutorFactory.PROVIDER_ID.equals(executor)) {
            CredentialRules rules = new CredentialRules(CredentialPolicy.of(realm));
            SecretAges ages = CredentialPolicyExecutorFactory.ages(session);
            java.time.Instant now = PackClock.now();
            return Optional.of(client -> {
                if (!client.isServiceAccountsEnabled()) {
                    return Optional.empty();
                }
                ClientSnapshot snapshot = ClientSnapshots.of(client);
                List<FieldViolation> atTokenTime = !SharedSecrets.held(client)
                        ? List.of() : rules.refusalAtTokenTime(snapshot, ages.currentSecret(session, client), now).stream().toList();
                return Optional.of(new Verdict(rules.onSave(snapshot), atTokenTime));
            });
        }
        if (AnomalyBlockExecutorFactory.PROVIDER_ID.equals(executor)) {
            Set<String> kinds = AnomalyBlockExecutorConfiguration.blockingKinds(options);
            dev.nhiguard.anomaly.Anomalies flags = dev.nhiguard.anomaly.Anomalies.of(session);
            return Optional.of(client -> {
                if (!client.isServiceAccountsEnabled()) {
                    return Optional.empty();
                }
                List<FieldViolation> open = AnomalyBlocks.blocking(flags, client.getId(), kinds).stream()
                        .map(kind -> new FieldViolation("nhi.anomaly", AnomalyBlocks.refusal(List.of(kind)), Finding.valueOf(kind)))
                        .toList();
                return Optional.of(new Verdict(List.of(), open));
            });
        }
        return Optional.empty();
    }
}
