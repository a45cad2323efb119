package dev.nhiguard.testsupport;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A throw-away PKI made when the test run starts: a CA, a server certificate for 127.0.0.1 and client
 * certificates on demand. Nothing is checked in, so nothing expires in the repository.
 */
public final class TestPki {

    public static final char[] PASSWORD = "nhi-test-pki".toCharArray();

    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestPki(KeyPair caKeys, X509Certificate ca) {
        this.caKeys = caKeys;
        this.ca = ca;
    }

    public static TestPki create() {
        return create("CN=NHI Guard Test CA,O=NHI Guard IT");
    }

    /** A CA of its own name: certificates from two CAs that a server trusts can carry the same subject. */
    public static TestPki create(String caSubject) {
        try {
            KeyPair keys = keyPair();
            X500Name name = x500(caSubject);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), notBefore(), notAfter(Duration.ofDays(2)),
                    name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestPki(keys, sign(builder, keys));
        } catch (Exception e) {
            throw new IllegalStateException("could not create the test CA", e);
        }
    }

    /** A key and certificate issued by the test CA; server certificates name 127.0.0.1 and localhost. */
    public Issued issue(String subject, boolean server, Duration validity) {
        try {
            KeyPair keys = keyPair();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(), notBefore(), notAfter(validity),
                    x500(subject), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            if (server) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
            }
            return new Issued(keys, sign(builder, caKeys), ca);
        } catch (Exception e) {
            throw new IllegalStateException("could not issue " + subject, e);
        }
    }

    public X509Certificate ca() {
        return ca;
    }

    /** Trusts only the test CA; presents no certificate. */
    public SSLContext trustOnly() {
        return context(null);
    }

    /** A trust store holding this CA and the {@code others}. */
    public void writeTrustStore(Path file, TestPki... others) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("nhi-test-ca", ca);
            for (int i = 0; i < others.length; i++) {
                store.setCertificateEntry("nhi-other-ca-" + i, others[i].ca);
            }
            store.store(out, PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    SSLContext context(Issued client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (client != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", client.keys().getPrivate(), PASSWORD, new X509Certificate[]{client.certificate(), client.issuer()});
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key pair with its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {

        public String subject() {
            return certificate.getSubjectX500Principal().getName();
        }

        /** RFC 8705 section 3.1: base64url SHA-256 of the DER certificate, no padding. */
        public String x5tS256() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
                return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        public void writePem(Path certificateFile, Path keyFile) {
            try {
                Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()) + pem("CERTIFICATE", issuer.getEncoded()));
                Files.writeString(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The certificate as Keycloak's jwt.credential.certificate holds it: the base64 DER of the PEM, one line. */
        public String certificateBase64() {
            return certificatePem().lines().filter(l -> !l.startsWith("-----")).collect(java.util.stream.Collectors.joining());
        }

        public String certificatePem() {
            try {
                return pem("CERTIFICATE", certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Through the JDK's parser, so the name reads back (RFC 2253) exactly as written, as Keycloak compares it. */
    private static X500Name x500(String name) {
        return X500Name.getInstance(new javax.security.auth.x500.X500Principal(name).getEncoded());
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofMinutes(5)));
    }

    private static Date notAfter(Duration validity) {
        return Date.from(Instant.now().plus(validity));
    }
}
