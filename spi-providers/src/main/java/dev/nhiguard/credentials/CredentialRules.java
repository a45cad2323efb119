package dev.nhiguard.credentials;

import dev.nhiguard.shared.SharedSecrets;
import dev.nhiguard.classification.Tier;
import dev.nhiguard.shared.ClientSnapshot;
import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.NhiMessages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The realm's credential policy as rules on one client. At save: a machine client at a secret-free tier takes no new
 * shared secret (created with one, switched to one, or given a new one). At a token request: a shared secret the pack
 * may not vouch for, past its lifetime, or met at a secret-free tier after the tier became secret-free, is refused. Pure.
 */
public final class CredentialRules {

    private final CredentialPolicy policy;

    public CredentialRules(CredentialPolicy policy) {
        this.policy = policy;
    }

    /** The client uses a shared secret at a tier where the realm takes no new ones. */
    public List<FieldViolation> newSecret(ClientSnapshot client) {
        if (!SharedSecrets.held(client)) {
            return List.of();
        }
        String tier = client.attribute(NhiAttributes.TIER);
        if (!policy.secretFree(tier)) {
            return List.of();
        }
        return List.of(new FieldViolation("clientAuthenticatorType", NhiMessages.format("nhiSecretFreeTier", Tier.of(tier).label()), Finding.STATIC_SECRET));
    }

    /**
     * What a save of the client breaks: a shared secret at a secret-free tier, and a time of its secret that Keycloak
     * cannot read (it would then fail the client's authentication; the pack could not tell its age).
     */
    public List<FieldViolation> onSave(ClientSnapshot client) {
        List<FieldViolation> violations = new java.util.ArrayList<>(newSecret(client));
        violations.addAll(SecretTimes.problems(client::attribute));
        return violations;
    }

    /** A new secret value given to a client at a secret-free tier (an explicit secret in an update, a regeneration). */
    public List<FieldViolation> newSecretValue(String tierAttribute) {
        if (!policy.secretFree(tierAttribute)) {
            return List.of();
        }
        return List.of(new FieldViolation("secret", NhiMessages.format("nhiSecretNewAtSecretFreeTier", Tier.of(tierAttribute).label()),
                Finding.STATIC_SECRET));
    }

    /**
     * Why the secret a request authenticated with takes it no token: one the pack may not vouch for (the export mask,
     * or a previous secret the client never held), expired, or met after its tier became secret-free.
     */
    public Optional<FieldViolation> refusalAtTokenTime(ClientSnapshot client, SecretInUse secret, Instant now) {
        if (!SharedSecrets.held(client)) {
            return Optional.empty();
        }
        if (secret.untrusted(now)) {
            return Optional.of(new FieldViolation("secret", NhiMessages.format(SecretInUse.EXPORT_MASK.equals(secret.value())
                    ? "nhiSecretExportMask" : "nhiSecretUntrusted"), Finding.UNTRUSTED_SECRET));
        }
        SecretIssue issue = secret.issue();
        SecretLifetime lifetime = SecretLifetime.of(issue, secret.keycloakExpiration(), policy);
        if (lifetime.state(now) == SecretLifetime.State.EXPIRED) {
            return Optional.of(new FieldViolation("secret", NhiMessages.format("nhiSecretExpired", day(lifetime.expiresAt()),
                    policy.secretMaxAgeDays()), Finding.SECRET_EXPIRED));
        }
        String tier = client.attribute(NhiAttributes.TIER);
        Optional<Instant> since = policy.secretFreeFrom(tier);
        if (since.isPresent() && issue.knownFrom() > since.get().toEpochMilli()) {
            return Optional.of(new FieldViolation("secret", NhiMessages.format("nhiSecretIssuedAtSecretFreeTier",
                    day(Instant.ofEpochMilli(issue.knownFrom())), Tier.of(tier).label(), day(since.get())), Finding.STATIC_SECRET));
        }
        return Optional.empty();
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
