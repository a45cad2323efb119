package dev.nhiguard.review;

import dev.nhiguard.keycloakdb.KeycloakQuery;
import dev.nhiguard.lifecycle.ExpirySettings;
import dev.nhiguard.shared.NhiAttributes;
import dev.nhiguard.shared.SafeText;
import dev.nhiguard.shared.OwnerLookup;
import dev.nhiguard.shared.OwnerState;
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
 * Emails owners before a machine identity's review date (the realm's reminderDays ahead) and once it is overdue,
 * through the realm's SMTP settings and the pack's email templates. Each reminder (client, kind, review date) is
 * claimed in the database before it is sent, in a transaction of its own: of several nodes only one sends it, and a
 * send that fails is tried again at the next check.
 */
public final class ReviewReminders {

    private static final Logger LOG = Logger.getLogger(ReviewReminders.class);
    static final String TEMPLATE = "nhi-review-reminder.ftl";

    private final KeycloakSessionFactory factory;
    /** Where Keycloak is reached, for the link in the mail: the realm's frontend URL, else the asking request's, else none. */
    private final String baseUrl;

    public ReviewReminders(KeycloakSessionFactory factory, String baseUrl) {
        this.factory = factory;
        this.baseUrl = baseUrl;
    }

    /** A reminder to send: the client, its owner and what the mail says. */
    private record Due(String clientUuid, String clientId, String owner, String reviewBy, boolean overdue) {
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
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        EntityManager em = em(session);
        Map<String, Map<String, String>> attributes = new HashMap<>();
        for (Object[] r : KeycloakQuery.NAMED_ATTRIBUTES_OF_ENABLED.create(em, Object[].class)
                .setParameter("realm", realmId).setParameter("names", List.of(NhiAttributes.OWNER, NhiAttributes.REVIEW_BY)).getResultList()) {
            attributes.computeIfAbsent((String) r[0], k -> new HashMap<>()).put((String) r[1], (String) r[2]);
        }
        ReminderRecords records = new ReminderRecords(em);
        List<Due> due = new ArrayList<>();
        attributes.forEach((clientUuid, attrs) -> {
            String owner = attrs.get(NhiAttributes.OWNER);
            String reviewBy = attrs.get(NhiAttributes.REVIEW_BY);
            if (owner == null || owner.isBlank() || ReviewDate.parse(reviewBy).isEmpty()) {
                return; // nobody to remind, or no date to remind of (the inventory reports both)
            }
            ReviewState state = ReviewState.of(reviewBy, today, reminderDays);
            if (state == ReviewState.OK) {
                return;
            }
            String kind = state == ReviewState.OVERDUE ? "overdue" : "due";
            if (!records.sent(ReminderRecords.key(clientUuid, kind, reviewBy))) {
                ClientModel client = realm.getClientById(clientUuid);
                if (client != null) {
                    due.add(new Due(clientUuid, client.getClientId(), owner, reviewBy, state == ReviewState.OVERDUE));
                }
            }
        });
        return due;
    }

    private boolean send(KeycloakSession session, String realmId, Due reminder) {
        RealmModel realm = session.realms().getRealm(realmId);
        session.getContext().setRealm(realm);
        UserModel owner = session.users().getUserByUsername(realm, reminder.owner());
        if (OwnerLookup.stateOf(owner) != OwnerState.ACTIVE || owner.getEmail() == null || owner.getEmail().isBlank()) {
            return false; // the inventory shows OWNER_DISABLED or OWNER_MISSING; an owner without an address cannot be mailed
        }
        String kind = reminder.overdue() ? "overdue" : "due";
        new ReminderRecords(em(session)).claim(realmId, reminder.clientUuid(), kind, reminder.reviewBy(), owner.getEmail(),
                System.currentTimeMillis());
        ClientModel client = realm.getClientById(reminder.clientUuid());
        UsageRecords.Summary usage = new UsageRecords(em(session)).summaries(List.of(reminder.clientUuid()), Integer.MAX_VALUE)
                .get(reminder.clientUuid());
        Map<String, Object> body = new HashMap<>();
        // values from data go into a subject line and a text part: a line break there would add headers or lines
        String clientId = SafeText.oneLine(reminder.clientId());
        String reviewBy = SafeText.oneLine(reminder.reviewBy());
        body.put("clientId", clientId);
        body.put("purpose", client == null ? "" : SafeText.oneLine(client.getAttribute(NhiAttributes.PURPOSE)));
        body.put("reviewBy", reviewBy);
        body.put("lastUsed", usage == null || usage.lastSuccess() == null ? "-" : Instant.ofEpochMilli(usage.lastSuccess()).toString());
        body.put("overdue", reminder.overdue());
        body.put("realmName", SafeText.oneLine(realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName()));
        String frontendUrl = realm.getAttribute("frontendUrl");
        String base = frontendUrl != null && !frontendUrl.isBlank() ? frontendUrl : baseUrl;
        body.put("reviewUrl", base == null ? "" : (base.endsWith("/") ? base : base + "/") + "admin/" + realm.getName() + "/console/");
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(owner)
                    .send(reminder.overdue() ? "nhiReminderOverdueSubject" : "nhiReminderDueSubject", List.of(clientId, reviewBy),
                            TEMPLATE, body);
        } catch (EmailException e) {
            throw new IllegalStateException("mail to the owner of " + reminder.clientId() + " failed: " + e.getMessage(), e);
        }
        LOG.infof("realm %s: reminded %s that the review of %s is %s (%s)", realm.getName(), owner.getUsername(), reminder.clientId(), kind,
                reminder.reviewBy());
        return true;
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
