package dev.nhiguard.credentials;

/**
 * How a client's shared secrets stand, for the inventory and the reminders: what is known of the current secret, and
 * whether the client holds a secret the pack may not vouch for (see {@link SecretInUse#untrusted()}).
 */
public record SecretStanding(SecretIssue issue, boolean untrusted) {
}
