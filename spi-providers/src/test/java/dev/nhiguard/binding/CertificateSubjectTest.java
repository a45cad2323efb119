package dev.nhiguard.binding;

import dev.nhiguard.testsupport.TestPki;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateSubjectTest {

    private static final TestPki PKI = TestPki.create();
    private static final TestPki.Issued BOT = PKI.issue("CN=bot,O=NHI Guard IT", false, Duration.ofDays(1));

    @Test
    void comparesDistinguishedNamesNotStrings() {
        assertTrue(CertificateSubject.matches(BOT.certificate(), "CN=bot,O=NHI Guard IT", false));
        assertTrue(CertificateSubject.matches(BOT.certificate(), "cn=bot, o=NHI Guard IT", false));
        assertFalse(CertificateSubject.matches(BOT.certificate(), "CN=bot2,O=NHI Guard IT", false));
        assertFalse(CertificateSubject.matches(BOT.certificate(), "not a DN", false));
    }

    /** A look-alike certificate the trusted CA issued is another subject: values keep their case and spaces. */
    @Test
    void lookAlikeSubjectsAreOtherSubjects() {
        for (String lookAlike : new String[] {"CN=BOT,O=NHI Guard IT", "CN=bot,O=NHI  Guard IT", "CN=bot\\ ,O=NHI Guard IT"}) {
            TestPki.Issued impostor = PKI.issue(lookAlike, false, Duration.ofDays(1));
            assertFalse(CertificateSubject.matches(impostor.certificate(), "CN=bot,O=NHI Guard IT", false), lookAlike);
            assertTrue(CertificateSubject.matches(impostor.certificate(), lookAlike, false), lookAlike + " matches itself");
        }
        assertTrue(CertificateSubject.issuedBy(BOT.certificate(), BOT.issuer().getSubjectX500Principal().getName()));
        assertFalse(CertificateSubject.issuedBy(BOT.certificate(), BOT.issuer().getSubjectX500Principal().getName().toUpperCase()));
    }

    @Test
    void regexComparisonWhenTheClientAsksForIt() {
        assertTrue(CertificateSubject.matches(BOT.certificate(), "CN=bo.,O=NHI Guard IT", true));
        assertFalse(CertificateSubject.matches(BOT.certificate(), "CN=x.*", true));
        assertFalse(CertificateSubject.matches(BOT.certificate(), "(unclosed", true));
    }

    @Test
    void thumbprintIsTheRfc8705Value() {
        assertEquals(BOT.x5tS256(), CertificateSubject.thumbprint(BOT.certificate()));
        assertEquals(43, CertificateSubject.thumbprint(BOT.certificate()).length(), "32 bytes, base64url without padding");
    }
}
