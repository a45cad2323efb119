package dev.nhiguard.review;

import dev.nhiguard.shared.PackClock;

import dev.nhiguard.credentials.CredentialPolicy;
import dev.nhiguard.credentials.CredentialPolicyExecutorFactory;
import dev.nhiguard.credentials.HeldSecret;
import dev.nhiguard.credentials.SecretLifetime;
import dev.nhiguard.keycloakdb.KeycloakQuery;
import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.ownership.Owner;
import dev.nhiguard.ownership.OwnerLookup;
import dev.nhiguard.ownership.OwnerState;
import dev.nhiguard.shared.ReviewDate;
import dev.nhiguard.store.ReminderRecords;
import dev.nhiguard.store.UsageRecords;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Emails owners before a machine identity's review date (the realm's reminderDays ahead) and once it is overdue, and
 * when its shared secret enters the realm's warning window and once it has expired (credential policy),
 * through the realm's SMTP settings and the pack's email templates. Each reminder (client, kind, review date) is
 * claimed in the database before it is sent, in a transaction of its own: of several nodes only one sends it, and a
 * send that fails is tried again at the next check.
 */
public final class ReviewReminders {

    private static final Logger LOG = Logger.getLogger(ReviewReminders.class);
    static final String TEMPLATE = "nhi-review-reminder.ftl";
    static final String SECRET_TEMPLATE = "nhi-secret-reminder.ftl";
    private static final Map<String, String> SUBJECTS = Map.of("due", "nhiReminderDueSubject", "overdue", "nhiReminderOverdueSubject",
            "secret-expiring", "nhiSecretReminderExpiringSubject", "secret-expired", "nhiSecretReminderExpiredSubject");

    private final KeycloakSessionFactory factory;
    /** Where Keycloak is reached, for the link in the mail: the realm's frontend URL, else the asking request's, else none. */
    private final String baseUrl;

    public ReviewReminders(KeycloakSessionFactory factory, String baseUrl) {
        this.factory = factory;
        this.baseUrl = baseUrl;
    }

    /**
     * A reminder to send: the client, its owner, the kind ({@code due}, {@code overdue} for its review,
     * {@code secret-expiring}, {@code secret-expired} for its shared secret) and the date it is about.
     */
    private record Due(String clientUuid, String clientId, Owner owner, String kind, String date) {

        boolean aboutSecret() {
            return kind.startsWith("secret");
        }
    }

    /** Sends what is due in the realm; returns how many reminders went out. */
    public int remind(String realmId) {
        List<Due> due = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> dueReminders(session, realmId));
        int sent = 0;
        for (Due reminder : due) {
            try {
                Boolean done = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> send(session, realmId, reminder));
                sent += Boolean.TRUE.equals(done) ? 1 : 0;
            } catch (RuntimeException e) {
                // another node claimed it first, or the mail server refused: the next check tries again if it is still unsent
                LOG.debugf("nhi-review: reminder for %s not sent now: %s", reminder.clientId(), e.getMessage());
            }
        }
        return sent;
    }

    private List<Due> dueReminders(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null || realm.getSmtpConfig() == null || realm.getSmtpConfig().isEmpty()) {
            return List.of(); // no mail server configured: nothing to send with
        }
        int reminderDays = ExpirySettings.of(realm).reminderDays();
        LocalDate today = PackClock.today();
        EntityManager em = em(session);
        Map<String, Map<String, String>> attributes = new HashMap<>();
        for (Object[] r : KeycloakQuery.NAMED_ATTRIBUTES_OF_ENABLED.create(em, Object[].class).setParameter("realm", realmId)
                .setParameter("names", List.of(NhiAttributes.OWNER, NhiAttributes.OWNER_ID, NhiAttributes.REVIEW_BY, NhiAttributes.KC_SECRET_EXPIRATION_TIME))
                .getResultList()) {
            attributes.computeIfAbsent((String) r[0], k -> new HashMap<>()).put((String) r[1], (String) r[2]);
        }
        ReminderRecords records = new ReminderRecords(em);
        List<Due> due = new ArrayList<>();
        attributes.forEach((clientUuid, attrs) -> {
            Owner owner = Owner.of(attrs);
            String reviewBy = attrs.get(NhiAttributes.REVIEW_BY);
            if (owner.name() == null || owner.name().isBlank() || ReviewDate.parse(reviewBy).isEmpty()) {
                return; // nobody to remind, or no date to remind of (the inventory reports both)
            }
            ReviewState state = ReviewState.of(reviewBy, today, reminderDays);
            if (state != ReviewState.OK) {
                addIfUnsent(realm, records, due, clientUuid, owner, state == ReviewState.OVERDUE ? "overdue" : "due", reviewBy);
            }
        });
        secretsDue(session, realm, attributes, records, due);
        return due;
    }

    /** Owners of secrets within the realm's warning window (or past it), once per client, kind and expiry date. */
    private void secretsDue(KeycloakSession session, RealmModel realm, Map<String, Map<String, String>> attributes, ReminderRecords records,
                            List<Due> due) {
        Map<String, HeldSecret> secrets = HeldSecret.ofRealm(em(session), realm.getId());
        secrets.keySet().removeIf(clientId -> {
            String owner = attributes.getOrDefault(clientId, Map.of()).get(NhiAttributes.OWNER);
            return owner == null || owner.isBlank();
        });
        CredentialPolicy policy = CredentialPolicy.of(realm);
        Instant now = PackClock.now();
        CredentialPolicyExecutorFactory.ages(session).standingsOf(session, realm.getId(), secrets).forEach((clientUuid, standing) -> {
            Map<String, String> attrs = attributes.get(clientUuid);
            SecretLifetime lifetime = SecretLifetime.ofCurrent(standing.issue(), attrs::get, policy);
            SecretLifetime.State state = lifetime.state(now);
            if (state != SecretLifetime.State.OK) {
                addIfUnsent(realm, records, due, clientUuid, Owner.of(attrs), "secret-" + state.label(),
                        LocalDate.ofInstant(lifetime.expiresAt(), ZoneOffset.UTC).toString());
            }
        });
    }

    private static void addIfUnsent(RealmModel realm, ReminderRecords records, List<Due> due, String clientUuid, Owner owner, String kind,
                                    String date) {
        if (!records.sent(ReminderRecords.key(clientUuid, kind, date))) {
            ClientModel client = realm.getClientById(clientUuid);
            if (client != null) {
                due.add(new Due(clientUuid, client.getClientId(), owner, kind, date));
            }
        }
    }

    private boolean send(KeycloakSession session, String realmId, Due reminder) {
        RealmModel realm = session.realms().getRealm(realmId);
        session.getContext().setRealm(realm);
        // the user the owner is bound to: a user who took a departed owner's name is not mailed about what is not theirs
        OwnerLookup.Found found = OwnerLookup.resolve(session, realm, reminder.owner());
        UserModel owner = found.user();
        if (found.state() != OwnerState.ACTIVE || owner == null || owner.getEmail() == null || owner.getEmail().isBlank()) {
            return false; // the inventory shows OWNER_DISABLED, OWNER_MISSING or OWNER_UNVERIFIED; an owner without an address cannot be mailed
        }
        new ReminderRecords(em(session)).claim(realmId, reminder.clientUuid(), reminder.kind(), reminder.date(), owner.getEmail(),
                PackClock.millis());
        ClientModel client = realm.getClientById(reminder.clientUuid());
        UsageRecords.Summary usage = new UsageRecords(em(session)).summaries(List.of(reminder.clientUuid()), Integer.MAX_VALUE)
                .get(reminder.clientUuid());
        Map<String, Object> body = new HashMap<>();
        // values from data go into a subject line and a text part: a line break there would add headers or lines
        String clientId = SafeText.oneLine(reminder.clientId());
        String date = SafeText.oneLine(reminder.date());
        body.put("clientId", clientId);
        body.put("purpose", client == null ? "" : SafeText.oneLine(client.getAttribute(NhiAttributes.PURPOSE)));
        body.put(reminder.aboutSecret() ? "expires" : "reviewBy", date);
        body.put("lastUsed", usage == null || usage.lastSuccess() == null ? "-" : Instant.ofEpochMilli(usage.lastSuccess()).toString());
        body.put(reminder.aboutSecret() ? "expired" : "overdue", reminder.kind().equals("overdue") || reminder.kind().equals("secret-expired"));
        body.put("realmName", SafeText.oneLine(realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName()));
        String frontendUrl = realm.getAttribute("frontendUrl");
        String base = frontendUrl != null && !frontendUrl.isBlank() ? frontendUrl : baseUrl;
        body.put("reviewUrl", base == null ? "" : (base.endsWith("/") ? base : base + "/") + "admin/" + realm.getName() + "/console/");
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(owner)
                    .send(SUBJECTS.get(reminder.kind()), List.of(clientId, date), reminder.aboutSecret() ? SECRET_TEMPLATE : TEMPLATE, body);
        } catch (EmailException e) {
            throw new IllegalStateException("mail to the owner of " + reminder.clientId() + " failed: " + e.getMessage(), e);
        }
        LOG.infof("realm %s: reminded %s of %s for %s (%s)", realm.getName(), owner.getUsername(), reminder.kind(), reminder.clientId(),
                reminder.date());
        return true;
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
