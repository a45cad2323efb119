package dev.nhiguard.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.nhiguard.testsupport.AdminApi;
import dev.nhiguard.testsupport.GovernedRealm;
import dev.nhiguard.testsupport.KeycloakServerExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.nhiguard.testsupport.AdminApi.expect;
import static dev.nhiguard.testsupport.AdminApi.parse;
import static dev.nhiguard.testsupport.LifecycleApi.today;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Review reminders through a real SMTP server (GreenMail) set as the realm's mail server: who gets what, and only once. */
@ExtendWith(KeycloakServerExtension.class)
class ReviewRemindersIT {

    private GreenMail smtp;
    private AdminApi api;
    private GovernedRealm realm;

    @BeforeEach
    void mailServerAndRealm(AdminApi api) {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        this.api = api;
        realm = GovernedRealm.create(api, "reminders").withRealmSettings(Map.of("smtpServer", Map.of(
                "host", "127.0.0.1", "port", String.valueOf(smtp.getSmtp().getPort()), "from", "nhi-guard@example.test",
                "fromDisplayName", "NHI Guard")));
    }

    @AfterEach
    void stopMailServer() {
        smtp.stop();
    }

    private void client(String clientId, String reviewBy, String purpose) {
        ObjectNode client = GovernedRealm.compliantClient(clientId);
        ((ObjectNode) client.get("attributes")).put("nhi.review-by", reviewBy).put("nhi.purpose", purpose);
        expect(200, api.partialImport(realm.name(), "FAIL", client));
    }

    private int remindNow() {
        return parse(expect(200, api.post(realm.path("/nhi-guard/reviews/reminders"), Map.of())).body()).get("sent").asInt();
    }

    @Test
    void ownersAreRemindedBeforeTheReviewDateAndWhenOverdueOnceEach() throws Exception {
        client("due-bot", today().plusDays(5).toString(), "Reconciles payouts & refunds");
        client("overdue-bot", today().minusDays(1).toString(), "Exports <ledger> nightly");
        client("later-bot", today().plusDays(60).toString(), "Not due for a while");

        assertEquals(2, remindNow());

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertEquals(2, mails.length);
        List<String> subjects = Arrays.stream(mails).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sorted().toList();
        assertEquals(List.of("Review due: service account due-bot by " + today().plusDays(5),
                "Review overdue: service account overdue-bot (was due " + today().minusDays(1) + ")"), subjects);
        for (MimeMessage mail : mails) {
            assertEquals("alice@example.test", mail.getAllRecipients()[0].toString());
        }
        MimeMessage overdue = Arrays.stream(mails).filter(m -> part(m, "text/plain").contains("overdue-bot")).findFirst().orElseThrow();
        String html = part(overdue, "text/html");
        assertTrue(html.contains("Exports &lt;ledger&gt; nightly"), "the purpose is text in the HTML part: " + html);
        assertFalse(html.contains("<ledger>"), html);
        assertTrue(part(overdue, "text/plain").contains("Exports <ledger> nightly"), "and as written in the plain-text part");
        assertTrue(html.contains("/admin/" + realm.name() + "/console/"), "a link to the realm's admin console: " + html);

        assertEquals(0, remindNow(), "each reminder goes out once");
        assertEquals(2, smtp.getReceivedMessages().length);
    }

    /** The credential policy's warning window: an owner hears of a secret before it expires and once it has, once each. */
    @Test
    void ownersAreWarnedOfASecretBeforeItExpiresAndWhenItHasOnceEach() {
        java.util.function.BiConsumer<String, Integer> secretOfAge = (clientId, days) -> {
            ObjectNode client = GovernedRealm.compliantClient(clientId);
            ((ObjectNode) client.get("attributes")).put("nhi.review-by", today().plusDays(60).toString()).put("nhi.purpose", "Settles & <books>")
                    .put("client.secret.creation.time", String.valueOf(java.time.Instant.now().minus(java.time.Duration.ofDays(days)).getEpochSecond()));
            expect(200, api.partialImport(realm.name(), "FAIL", client));
        };
        secretOfAge.accept("expiring-bot", 80);
        secretOfAge.accept("expired-bot", 95);
        secretOfAge.accept("young-bot", 10);

        assertEquals(2, remindNow());
        List<String> subjects = Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sorted().toList();
        String expiring = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(10).toString();
        String expired = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(5).toString();
        assertEquals(List.of("Secret expired: service account expired-bot (on " + expired + ")",
                "Secret expiring: service account expiring-bot on " + expiring), subjects);
        MimeMessage warning = Arrays.stream(smtp.getReceivedMessages()).filter(m -> part(m, "text/plain").contains("expiring-bot")).findFirst()
                .orElseThrow();
        assertTrue(part(warning, "text/plain").contains("Its client secret expires on " + expiring), part(warning, "text/plain"));
        assertTrue(part(warning, "text/html").contains("Settles &amp; &lt;books&gt;"), "the purpose is text: " + part(warning, "text/html"));
        assertEquals(0, remindNow(), "each warning goes out once");
    }

    @Test
    void withoutAMailServerNothingIsSentAndNothingIsMarkedSent() {
        String bare = GovernedRealm.create(api, "reminders-nosmtp").name();
        ObjectNode client = GovernedRealm.compliantClient("due-bot");
        ((ObjectNode) client.get("attributes")).put("nhi.review-by", today().plusDays(3).toString());
        expect(200, api.partialImport(bare, "FAIL", client));

        assertEquals(0, parse(expect(200, api.post("/admin/realms/" + bare + "/nhi-guard/reviews/reminders", Map.of())).body()).get("sent").asInt());
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    /**
     * A clientId with a line break (partial import stores one) must not fold into the Subject header or add lines to
     * the text part. Without the rule the subject read "Review due: service account folded" and the text part got a
     * line "Bcc: attacker@example.test".
     */
    @Test
    void aLineBreakInDataStaysOutOfTheSubjectAndTheTextPart() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        try {
            String folded = "folded\r\nBcc: attacker@example.test";
            ObjectNode client = GovernedRealm.compliantClient(folded);
            ((ObjectNode) client.get("attributes")).put("nhi.review-by", today().plusDays(5).toString())
                    .put("nhi.purpose", "line one\nX-Injected: yes");
            expect(200, api.partialImport(realm.name(), "FAIL", client));
            assertEquals(1, remindNow());
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertEquals("Review due: service account folded\\u000d\\u000aBcc: attacker@example.test by " + today().plusDays(5),
                    mail.getSubject());
            assertEquals(1, mail.getAllRecipients().length, "no recipient added");
            String text = part(mail, "text/plain");
            assertFalse(text.lines().anyMatch(line -> line.startsWith("Bcc:") || line.startsWith("X-Injected:")), text);
            assertTrue(text.contains("line one\\u000aX-Injected: yes"), text);
        } finally {
            smtp.purgeEmailFromAllMailboxes();
        }
    }

    /** The decoded text of the message's part of this type (the message itself when it is not multipart). */
    private static String part(MimeMessage message, String type) {
        try {
            return find(message.getContent(), message.getContentType(), type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Object content, String contentType, String type) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder found = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart body = multipart.getBodyPart(i);
                found.append(find(body.getContent(), body.getContentType(), type));
            }
            return found.toString();
        }
        return contentType.toLowerCase(java.util.Locale.ROOT).startsWith(type) ? String.valueOf(content) : "";
    }
}
