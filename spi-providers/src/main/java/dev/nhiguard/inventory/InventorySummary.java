package dev.nhiguard.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.nhiguard.classification.Tier;
import dev.nhiguard.shared.Finding;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The realm's machine identities counted for a dashboard: how many, per credential type, sender constraint and finding,
 * in all and per tier. Every finding and tier is present (zero when none), so a panel's series never disappear.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"realm", "asOf", "clients", "credentialTypes", "senderConstraints", "findings", "tiers"})
public final class InventorySummary {

    public final String realm;
    public final String asOf;
    public int clients;
    public final Map<String, Integer> credentialTypes = new TreeMap<>();
    public final Map<String, Integer> senderConstraints = new TreeMap<>();
    public final Map<String, Integer> findings = zeroes();
    /** The same counts per tier (standard, high, critical). */
    public final Map<String, TierCounts> tiers = new LinkedHashMap<>();

    /** Counts over the clients of one tier. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"clients", "credentialTypes", "senderConstraints", "findings"})
    public static final class TierCounts {
        public int clients;
        public final Map<String, Integer> credentialTypes = new TreeMap<>();
        public final Map<String, Integer> senderConstraints = new TreeMap<>();
        public final Map<String, Integer> findings = zeroes();
    }

    InventorySummary(String realm, String asOf) {
        this.realm = realm;
        this.asOf = asOf;
        Arrays.stream(Tier.values()).forEach(t -> tiers.put(t.label(), new TierCounts()));
    }

    /** Counts one client; a public client has no credential and is counted as {@code none}. */
    void add(Tier tier, String credentialType, String senderConstraint, EnumSet<Finding> found) {
        String credential = credentialType == null ? "none" : credentialType;
        clients++;
        count(credentialTypes, senderConstraints, findings, credential, senderConstraint, found);
        TierCounts ofTier = tiers.get(tier.label());
        ofTier.clients++;
        count(ofTier.credentialTypes, ofTier.senderConstraints, ofTier.findings, credential, senderConstraint, found);
    }

    private static void count(Map<String, Integer> credentials, Map<String, Integer> constraints, Map<String, Integer> findings,
                              String credential, String constraint, EnumSet<Finding> found) {
        credentials.merge(credential, 1, Integer::sum);
        constraints.merge(constraint, 1, Integer::sum);
        found.forEach(f -> findings.merge(f.name(), 1, Integer::sum));
    }

    private static Map<String, Integer> zeroes() {
        Map<String, Integer> zeroes = new LinkedHashMap<>();
        Arrays.stream(Finding.values()).forEach(f -> zeroes.put(f.name(), 0));
        return zeroes;
    }
}
