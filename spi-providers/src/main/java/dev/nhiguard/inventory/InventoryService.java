package dev.nhiguard.inventory;

import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.shared.Finding;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.RealmLifespans;
import dev.nhiguard.ownership.Owner;
import dev.nhiguard.ownership.OwnerState;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Answers inventory requests: filters by owner in the catalog, by finding after evaluation, then pages. */
public final class InventoryService {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ServiceAccountCatalog catalog;
    private final FindingRules rules;
    private final RealmPolicySettings policies;
    private final RealmLifespans lifespans;
    private final ExpirySettings expiry;
    private final Instant now;

    private Map<String, java.util.Set<String>> openAnomalies;

    /** Open anomaly flags by client, read once per request: each is a finding of the same name. */
    private Map<String, java.util.Set<String>> openAnomalies() {
        if (openAnomalies == null) {
            openAnomalies = new dev.nhiguard.store.AnomalyRecords(session.getProvider(org.keycloak.connections.jpa.JpaConnectionProvider.class)
                    .getEntityManager()).openKindsOfRealm(realm.getId());
        }
        return openAnomalies;
    }

    private EnumSet<Finding> withAnomalies(String clientUuid, EnumSet<Finding> findings) {
        for (String kind : openAnomalies().getOrDefault(clientUuid, java.util.Set.of())) {
            findings.add(Finding.valueOf(kind));
        }
        return findings;
    }

    static boolean isAnomaly(Finding finding) {
        return switch (finding) {
            case NEW_NETWORK, RATE_SPIKE, HUMAN_USE, REFUSAL_BURST, NEW_CERTIFICATE -> true;
            default -> false;
        };
    }

    /** requests30d counts the successes of the last 30 days, today included. */
    static final int REQUESTS_WINDOW_DAYS = 29;

    public InventoryService(KeycloakSession session, RealmModel realm, InventorySettings settings, Instant now) {
        this.session = session;
        this.realm = realm;
        this.expiry = ExpirySettings.of(realm);
        this.catalog = new ServiceAccountCatalog(session, realm, (int) now.atZone(java.time.ZoneOffset.UTC).toLocalDate()
                .minusDays(REQUESTS_WINDOW_DAYS).toEpochDay());
        this.lifespans = RealmLifespans.of(realm);
        this.policies = RealmPolicySettings.read(session, realm);
        this.rules = new FindingRules(settings, policies, lifespans, expiry, dev.nhiguard.credentials.CredentialPolicy.of(realm));
        this.now = now;
    }

    /** Full entries of the given service-account clients, in clientId order (ids that are no such client are left out). */
    public List<InventoryEntry> entries(java.util.Collection<String> clientIds) {
        java.util.Set<String> wanted = new java.util.HashSet<>(clientIds);
        return evaluate(catalog.rows().stream().filter(r -> wanted.contains(r.id())).toList());
    }

    /** How many service-account clients of the realm have each finding, from one realm-wide read of every fact. */
    public Map<Finding, Integer> openFindings() {
        Map<Finding, Integer> counts = new java.util.EnumMap<>(Finding.class);
        for (Finding finding : Finding.values()) {
            counts.put(finding, 0);
        }
        judgeRealm((facts, findings) -> findings.forEach(finding -> counts.merge(finding, 1, Integer::sum)));
        return counts;
    }

    /** The realm's machine identities counted per credential type, sender constraint, finding and tier, from one realm-wide read. */
    public InventorySummary summary() {
        InventorySummary summary = new InventorySummary(realm.getName(), now.toString());
        judgeRealm((f, findings) -> summary.add(dev.nhiguard.classification.Tier.of(f.attribute(NhiAttributes.TIER)),
                Credentials.type(f.client()), Credentials.senderConstraint(f.client()), findings));
        return summary;
    }

    /** Every client of the realm with its findings, from one realm-wide read of every fact. */
    private void judgeRealm(java.util.function.BiConsumer<ClientFacts, EnumSet<Finding>> each) {
        List<CatalogRow> rows = catalog.rows();
        Map<String, ClientFacts> facts = catalog.factsOfRealm(EnumSet.allOf(ServiceAccountCatalog.FactGroup.class));
        InventoryOwnerDirectory owners = new InventoryOwnerDirectory(session, realm,
                catalog.ownerStates(rows.stream().map(CatalogRow::ownerRef).toList()));
        for (ClientFacts f : facts.values()) {
            each.accept(f, withAnomalies(f.id(), rules.evaluate(f, owners, now)));
        }
    }

    List<InventoryEntry> list(InventoryRequest request) {
        List<CatalogRow> rows = catalog.rows();
        if (request.owner().isPresent()) {
            rows = rows.stream().filter(r -> request.wantsOwner(r.owner())).toList();
        }
        if (request.finding().isPresent() && isAnomaly(request.finding().get())) {
            List<CatalogRow> flagged = candidates(rows, request.finding().get());
            int from = Math.min(request.first(), flagged.size());
            return evaluate(flagged.subList(from, (int) Math.min((long) from + request.max(), flagged.size())));
        }
        if (request.finding().isPresent()) {
            Finding finding = request.finding().get();
            return scanForFinding(ownerCandidates(rows, finding), finding, request.first(), request.max());
        }
        int from = Math.min(request.first(), rows.size());
        int to = (int) Math.min((long) from + request.max(), rows.size());
        return evaluate(rows.subList(from, to));
    }

    /**
     * Owner findings depend on nothing but the owner attribute and the owner's state, both cheap to read for
     * the whole realm; narrowing to those rows first spares loading full facts for clients that cannot match.
     */
    private List<CatalogRow> ownerCandidates(List<CatalogRow> rows, Finding finding) {
        return switch (finding) {
            case NO_OWNER -> rows.stream().filter(r -> r.owner() == null || r.owner().isBlank()).toList();
            case OWNER_DISABLED, OWNER_MISSING, OWNER_UNVERIFIED -> {
                OwnerState wanted = finding == Finding.OWNER_DISABLED ? OwnerState.DISABLED
                        : finding == Finding.OWNER_MISSING ? OwnerState.MISSING : OwnerState.UNVERIFIED;
                Map<Owner, OwnerState> states = catalog.ownerStates(rows.stream().map(CatalogRow::ownerRef).toList());
                yield rows.stream()
                        .filter(r -> r.owner() != null && !r.owner().isBlank() && states.get(r.ownerRef()) == wanted)
                        .toList();
            }
            default -> rows;
        };
    }

    /**
     * Decides the finding for every candidate from a realm-wide read of only the facts it depends on (a few queries
     * whatever the realm's size), then builds full entries for the requested page alone.
     */
    private List<InventoryEntry> scanForFinding(List<CatalogRow> rows, Finding finding, int first, int max) {
        if (rows.isEmpty()) {
            return List.of();
        }
        FindingCandidates finder = finder();
        if (finder.narrows(finding)) {
            // a common finding fills the page from the first clients; a rare one is looked for among its candidates only
            Page page = new Page(finding, first, max);
            int head = Math.min(rows.size(), Math.min(ServiceAccountCatalog.CHUNK, Math.max(2 * max, 100)));
            page.scan(rows.subList(0, head));
            if (!page.full() && head < rows.size()) {
                java.util.Set<String> candidates = finder.of(finding).orElseThrow();
                page.scan(rows.subList(head, rows.size()).stream().filter(r -> candidates.contains(r.id())).toList());
            }
            return page.entries;
        }
        List<CatalogRow> matches = decided(rows, finding);
        int from = Math.min(first, matches.size());
        int to = (int) Math.min((long) from + max, matches.size());
        // a client changed between the two reads is shown only if it still has the finding
        return evaluate(matches.subList(from, to)).stream().filter(e -> e.findings().contains(finding.name())).toList();
    }

    /** The candidates that have the finding, decided from only the facts it depends on. */
    private List<CatalogRow> decided(List<CatalogRow> rows, Finding finding) {
        java.util.Set<ServiceAccountCatalog.FactGroup> needed = FindingFacts.needed(finding);
        // few candidates (an owner finding's) are read by id; many, realm-wide in one query per kind of fact
        Map<String, ClientFacts> facts = rows.size() * 4 <= catalog.rows().size()
                ? catalog.facts(rows, needed).stream().collect(java.util.stream.Collectors.toMap(ClientFacts::id, f -> f))
                : catalog.factsOfRealm(needed);
        InventoryOwnerDirectory owners = new InventoryOwnerDirectory(session, realm,
                catalog.ownerStates(rows.stream().map(CatalogRow::ownerRef).toList()));
        List<CatalogRow> matches = new ArrayList<>();
        for (CatalogRow row : rows) {
            ClientFacts f = facts.get(row.id());
            if (f != null && rules.evaluate(f, owners, now).contains(finding)) {
                matches.add(row);
            }
        }
        return matches;
    }

    /**
     * Every entry the request selects, unpaged, built a chunk at a time as the stream is read: an export holds one
     * chunk of entries in memory, not the realm's.
     */
    java.util.stream.Stream<InventoryEntry> stream(InventoryRequest request) {
        List<CatalogRow> rows = catalog.rows();
        if (request.owner().isPresent()) {
            rows = rows.stream().filter(r -> request.wantsOwner(r.owner())).toList();
        }
        java.util.Optional<Finding> finding = request.finding();
        if (finding.isPresent()) {
            rows = candidates(ownerCandidates(rows, finding.get()), finding.get());
        }
        List<CatalogRow> selected = rows;
        int chunks = (selected.size() + ServiceAccountCatalog.CHUNK - 1) / ServiceAccountCatalog.CHUNK;
        return java.util.stream.IntStream.range(0, chunks)
                .mapToObj(i -> selected.subList(i * ServiceAccountCatalog.CHUNK, Math.min(selected.size(), (i + 1) * ServiceAccountCatalog.CHUNK)))
                .flatMap(chunk -> evaluate(chunk).stream())
                .filter(entry -> finding.isEmpty() || entry.findings().contains(finding.get().name()));
    }

    /** The rows that may have the finding: every one that has it is among them. */
    private List<CatalogRow> candidates(List<CatalogRow> rows, Finding finding) {
        if (rows.isEmpty()) {
            return rows;
        }
        if (isAnomaly(finding)) {
            return rows.stream().filter(r -> openAnomalies().getOrDefault(r.id(), java.util.Set.of()).contains(finding.name())).toList();
        }
        FindingCandidates finder = finder();
        if (finder.narrows(finding)) {
            java.util.Set<String> candidates = finder.of(finding).orElseThrow();
            return rows.stream().filter(r -> candidates.contains(r.id())).toList();
        }
        return decided(rows, finding);
    }

    private FindingCandidates finder() {
        return new FindingCandidates(session, realm,
                session.getProvider(org.keycloak.connections.jpa.JpaConnectionProvider.class).getEntityManager(), policies, expiry,
                java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC));
    }

    /** A page being filled: clients are evaluated on their full facts chunk by chunk until it is full. */
    private final class Page {

        private final Finding finding;
        private final int first;
        private final int max;
        private final List<InventoryEntry> entries = new ArrayList<>();
        private int skipped;

        Page(Finding finding, int first, int max) {
            this.finding = finding;
            this.first = first;
            this.max = max;
        }

        boolean full() {
            return entries.size() >= max;
        }

        void scan(List<CatalogRow> rows) {
            for (int from = 0; from < rows.size() && !full(); from += ServiceAccountCatalog.CHUNK) {
                for (InventoryEntry entry : evaluate(rows.subList(from, Math.min(rows.size(), from + ServiceAccountCatalog.CHUNK)))) {
                    if (!entry.findings().contains(finding.name())) {
                        continue;
                    }
                    if (skipped < first) {
                        skipped++;
                    } else if (!full()) {
                        entries.add(entry);
                    }
                }
            }
        }
    }

    private List<InventoryEntry> evaluate(List<CatalogRow> rows) {
        List<ClientFacts> facts = catalog.facts(rows);
        InventoryOwnerDirectory owners = new InventoryOwnerDirectory(session, realm,
                catalog.ownerStates(rows.stream().map(CatalogRow::ownerRef).toList()));
        List<InventoryEntry> entries = new ArrayList<>(facts.size());
        for (ClientFacts f : facts) {
            Owner owner = Owner.of(f.client()::attribute);
            OwnerState state = owner.name() == null || owner.name().isBlank() ? null : owners.ownerState(owner);
            EnumSet<Finding> findings = withAnomalies(f.id(), rules.evaluate(f, owners, now));
            entries.add(InventoryEntries.of(f, state, findings, now, lifespans, policies.lifespanCap(f.client()),
                    rules.usageWindowStart(java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC)), rules.secretLifetime(f)));
        }
        return entries;
    }
}
