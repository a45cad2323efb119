package dev.nhiguard.rollout;

import dev.nhiguard.shared.PackClock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nhiguard.classification.PolicySelection;
import dev.nhiguard.policy.EnforcementMode;
import dev.nhiguard.policy.FieldViolation;
import dev.nhiguard.policy.RealmPolicies;
import dev.nhiguard.store.DecisionDays;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The blast radius of each pack policy in a realm: for every enabled policy's pack executor, the clients it would
 * refuse today at a save and at the token endpoint, and how many real token requests it refused (enforce) or would
 * have refused (report-only) in the last days.
 */
final class Readiness {

    record ClientVerdict(String clientId, List<String> violations, List<String> findings) {
    }

    record RequestCounts(String clientId, long refused, long wouldRefuse) {
    }

    record RuleReadiness(String policy, String rule, String mode, int clientsGoverned, List<ClientVerdict> refusedAtSave,
                         List<ClientVerdict> refusedAtTokenTime, long requestsRefused, long requestsWouldRefuse,
                         List<RequestCounts> requests) {
    }

    record Report(String realm, String asOf, int days, List<RuleReadiness> rules) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    Readiness(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    Report report(int days) {
        LocalDate today = PackClock.today();
        List<ClientModel> clients = realm.getClientsStream().toList();
        Map<String, String> clientIds = new HashMap<>();
        clients.forEach(c -> clientIds.put(c.getId(), c.getClientId()));
        Map<String, List<DecisionDays.Counts>> countsByRule = new HashMap<>();
        new DecisionDays(session.getProvider(JpaConnectionProvider.class).getEntityManager())
                .since(realm.getId(), (int) today.minusDays(days - 1L).toEpochDay())
                .forEach(c -> countsByRule.computeIfAbsent(c.rule(), r -> new ArrayList<>()).add(c));
        List<RuleReadiness> rules = new ArrayList<>();
        for (RealmPolicies.Applied applied : RealmPolicies.read(session, realm).applied()) {
            String executor = applied.executor().getExecutorProviderId();
            JsonNode options = applied.executor().getConfiguration();
            Optional<RuleJudge> judge = RuleJudge.of(executor, options, session, realm);
            if (judge.isEmpty()) {
                continue;
            }
            List<ClientVerdict> atSave = new ArrayList<>();
            List<ClientVerdict> atToken = new ArrayList<>();
            Set<String> governedIds = new HashSet<>();
            int governed = 0;
            for (ClientModel client : clients) {
                if (PolicySelection.selects(applied.conditions(), client.getAttributes()) == PolicySelection.Vote.NO) {
                    continue;
                }
                Optional<RuleJudge.Verdict> verdict = judge.get().judge(client);
                if (verdict.isEmpty()) {
                    continue;
                }
                governed++;
                governedIds.add(client.getId());
                if (!verdict.get().atSave().isEmpty()) {
                    atSave.add(verdict(client, verdict.get().atSave()));
                }
                if (!verdict.get().atTokenTime().isEmpty()) {
                    atToken.add(verdict(client, verdict.get().atTokenTime()));
                }
            }
            // a rule's counts are kept per client, not per policy: each policy shows those of the clients it selects
            EnforcementMode mode = EnforcementMode.ofOptions(options);
            List<RequestCounts> requests = countsByRule.getOrDefault(executor, List.of()).stream()
                    .filter(c -> governedIds.contains(c.clientId()))
                    .map(c -> new RequestCounts(clientIds.get(c.clientId()), c.refused(), c.wouldRefuse()))
                    .sorted(Comparator.comparing(RequestCounts::clientId)).toList();
            rules.add(new RuleReadiness(applied.policy(), executor, mode.value(), governed,
                    sorted(atSave), sorted(atToken),
                    requests.stream().mapToLong(RequestCounts::refused).sum(),
                    requests.stream().mapToLong(RequestCounts::wouldRefuse).sum(), requests));
        }
        return new Report(realm.getName(), today.toString(), days, rules);
    }

    private static ClientVerdict verdict(ClientModel client, List<FieldViolation> violations) {
        return new ClientVerdict(client.getClientId(), violations.stream().map(FieldViolation::describe).toList(),
                violations.stream().map(v -> v.finding().name()).distinct().toList());
    }

    private static List<ClientVerdict> sorted(List<ClientVerdict> verdicts) {
        return verdicts.stream().sorted(Comparator.comparing(ClientVerdict::clientId)).toList();
    }
}
