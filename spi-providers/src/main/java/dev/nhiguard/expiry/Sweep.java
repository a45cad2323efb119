package dev.nhiguard.expiry;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.shared.Actor;
import dev.nhiguard.store.ExpiryRecords;
import dev.nhiguard.store.OwnerGoneRecords;
import dev.nhiguard.store.SweepRuns;
import dev.nhiguard.store.UsageRecords;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One sweep of a realm: reads its service-account clients a page at a time, decides with {@link ExpiryRules}, and
 * (unless it is a dry run) retires each client in a transaction of its own. A forecast ({@code asOf} a later day)
 * is a dry run judged on that day.
 */
public final class Sweep {

    /** Daily counts older than this are removed by each sweep; the latest use of each client stays. */
    static final int USAGE_RETENTION_DAYS = 400;

    private final KeycloakSessionFactory factory;
    private final String realmId;

    public Sweep(KeycloakSessionFactory factory, String realmId) {
        this.factory = factory;
        this.realmId = realmId;
    }

    public SweepResult run(boolean dryRun, LocalDate asOf, Actor actor) {
        long now = PackClock.millis();
        LocalDate day = asOf != null ? asOf : LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
        State state = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> read(session));
        ExpiryRules rules = new ExpiryRules(state.settings());
        List<SweepEntry> entries = new ArrayList<>();
        for (int from = 0; from < state.ids().size(); from += SweepCandidates.PAGE) {
            List<String> page = state.ids().subList(from, Math.min(state.ids().size(), from + SweepCandidates.PAGE));
            List<SweepCandidates.Loaded> loaded = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                List<SweepCandidates.Loaded> clients = new SweepCandidates(session, realm, state.gone(), state.disabledAt(), now).load(page);
                if (!dryRun) {
                    rememberOwners(session, clients, now);
                }
                return clients;
            });
            for (SweepCandidates.Loaded client : loaded) {
                Optional<ExpiryRules.Decision> decision = rules.decide(client.candidate(), day);
                if (decision.isEmpty()) {
                    if (!dryRun && client.candidate().enabled() && client.candidate().disabledByExpiryAt() != null) {
                        forgetExpiry(client.candidate().id()); // an admin enabled it again: its deletion clock stops
                    }
                    continue;
                }
                entries.add(apply(state.realmName(), client.candidate(), decision.get(), dryRun, actor));
            }
        }
        if (!dryRun) {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                new SweepRuns(em(session)).ran(realmId, now);
                new UsageRecords(em(session)).pruneDays(realmId, (int) day.minusDays(USAGE_RETENTION_DAYS).toEpochDay());
            });
        }
        return new SweepResult(state.realmName(), day.toString(), dryRun, state.settings().mode(), state.ids().size(), entries);
    }

    private SweepEntry apply(String realmName, Candidate client, ExpiryRules.Decision decision, boolean dryRun, Actor actor) {
        List<String> ruleNames = decision.rules().stream().map(Enum::name).toList();
        String rule = ruleNames.isEmpty() ? null : ruleNames.get(0);
        boolean applied = false;
        if (!dryRun && decision.action().changesSomething()) {
            applied = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                Retirement retirement = new Retirement(session, realm, actor);
                return decision.action() == SweepAction.DELETE ? retirement.delete(client.id())
                        : retirement.disable(client.id(), rule, SweepAction.DISABLE.label());
            });
        }
        if (applied) {
            dev.nhiguard.shared.NhiMetrics.sweepAction(realmName, decision.action().label());
        }
        return new SweepEntry(client.id(), client.clientId(), decision.action().label(), rule, ruleNames, applied);
    }

    /** The first sighting of a gone owner starts its grace period; an owner back in service ends it. */
    private void rememberOwners(KeycloakSession session, List<SweepCandidates.Loaded> clients, long now) {
        OwnerGoneRecords records = new OwnerGoneRecords(em(session));
        for (SweepCandidates.Loaded client : clients) {
            if (client.ownerGone() == null) {
                if (client.recordExists()) {
                    records.back(client.candidate().id());
                }
            } else if (!client.ownerGoneRecorded()) {
                records.gone(realmId, client.candidate().id(), client.owner(), client.ownerGone(), now);
            }
        }
    }

    private void forgetExpiry(String clientId) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> new ExpiryRecords(em(session)).clear(clientId));
    }

    private State read(KeycloakSession session) {
        RealmModel realm = session.realms().getRealm(realmId);
        SweepCandidates candidates = new SweepCandidates(session, realm, Map.of(), Map.of(), 0);
        return new State(realm.getName(), ExpirySettings.of(realm), candidates.ids(),
                new OwnerGoneRecords(em(session)).forRealm(realmId), new ExpiryRecords(em(session)).disabledAt(realmId));
    }

    private record State(String realmName, ExpirySettings settings, List<String> ids, Map<String, OwnerGoneRecords.Gone> gone,
                         Map<String, Long> disabledAt) {
    }

    private static jakarta.persistence.EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
