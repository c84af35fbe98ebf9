package io.paas.controller.certs;

import io.paas.controller.problems.Problem;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks an uploaded certificate with the JDK: a PEM X.509 chain (leaf first), a private key that
 * matches the leaf (a nonce signed with it verifies with the leaf's public key), valid now, each
 * certificate signed by the next one.
 */
public final class CertificateCheck {
    static final Duration SOON = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate that passed: its normalized PEM chain, the key, the names it holds, its expiry. */
    public record Checked(String certPem, String keyPem, List<String> hosts, Instant expiresAt) {
    }

    private CertificateCheck() {
    }

    public static Checked check(String certPem, String keyPem, Instant now) {
        List<X509Certificate> chain = chain(certPem);
        // Before the key check: a chain in the wrong order would otherwise read as a key mismatch.
        checkOrder(chain);
        X509Certificate leaf = chain.get(0);
        if (keyPem == null || keyPem.isBlank()) {
            throw Problem.invalid("keyPem is required: the certificate's private key in PEM");
        }
        PrivateKey key = PrivateKeys.read(keyPem, leaf.getPublicKey());
        if (!matches(key, leaf.getPublicKey())) {
            throw Problem.invalid("the key does not match the certificate");
        }
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (!notAfter.isAfter(now)) {
            throw Problem.invalid("certificate expired on " + notAfter + ": renew it and add the new one");
        }
        Instant notBefore = leaf.getNotBefore().toInstant();
        if (notBefore.isAfter(now)) {
            throw Problem.invalid("certificate is not valid before " + notBefore);
        }
        List<String> hosts = hosts(leaf);
        if (hosts.isEmpty()) {
            throw Problem.invalid("the certificate names no host: it has no DNS subject alternative name or common name");
        }
        StringBuilder pem = new StringBuilder();
        for (X509Certificate cert : chain) {
            try {
                pem.append(Pem.encode("CERTIFICATE", cert.getEncoded()));
            } catch (CertificateException e) {
                throw Problem.invalid("not a PEM certificate: " + e.getMessage());
            }
        }
        // The key is kept as PKCS#8 whatever form it came in: one form for every router to read.
        return new Checked(pem.toString(), Pem.encode("PRIVATE KEY", key.getEncoded()), hosts, notAfter);
    }

    private static List<X509Certificate> chain(String certPem) {
        if (certPem == null || certPem.isBlank()) {
            throw Problem.invalid("certPem is required: the certificate (and its chain) in PEM");
        }
        List<Pem.Block> blocks = Pem.blocks(certPem).stream().filter(b -> b.type().equals("CERTIFICATE")).toList();
        if (blocks.isEmpty()) {
            boolean isKey = Pem.blocks(certPem).stream().anyMatch(b -> b.type().endsWith("PRIVATE KEY"));
            throw Problem.invalid(isKey ? "not a PEM certificate: this is a private key (are CERT and KEY swapped?)"
                    : "not a PEM certificate: expected -----BEGIN CERTIFICATE-----");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Pem.Block block : blocks) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            }
        } catch (CertificateException | RuntimeException e) {
            throw Problem.invalid("not a PEM certificate: it does not parse as X.509");
        }
        return chain;
    }

    /**
     * Each certificate must be signed by the one after it. The last one is not checked against
     * any root: users upload chains without roots and routers send them as they are.
     */
    static void checkOrder(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate cert = chain.get(i);
            X509Certificate next = chain.get(i + 1);
            if (signs(next, cert)) {
                continue;
            }
            // Its issuer elsewhere in the list, or itself the issuer of the next one: the right certificates, misplaced.
            boolean misplaced = signs(cert, next);
            for (int j = 0; j < chain.size() && !misplaced; j++) {
                misplaced = j != i && j != i + 1 && signs(chain.get(j), cert);
            }
            if (misplaced) {
                throw Problem.invalid("the certificate chain is out of order: certificate " + (i + 2) + " ("
                        + subject(next) + ") did not sign certificate " + (i + 1) + " (" + subject(cert)
                        + "); put the site's certificate first, then each intermediate right after the one it signed");
            }
            throw Problem.invalid("the certificate chain holds an unrelated certificate: certificate " + (i + 2) + " ("
                    + subject(next) + ") did not sign certificate " + (i + 1) + " (" + subject(cert)
                    + "); upload the intermediates your certificate authority issued with this certificate");
        }
    }

    private static boolean signs(X509Certificate issuer, X509Certificate cert) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            // A wrong signature, or a key of another type than the signature's: not its issuer.
            return false;
        }
    }

    private static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> throw Problem.invalid("unsupported key type " + publicKey.getAlgorithm() + ": use RSA or EC");
        };
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(nonce);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(nonce);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The DNS subject alternative names, lowercased; the subject's CN when there are none. */
    static List<String> hosts(X509Certificate cert) {
        Set<String> hosts = new LinkedHashSet<>();
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (Integer.valueOf(2).equals(name.get(0)) && name.get(1) instanceof String dns) {
                        hosts.add(dns.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // Unreadable extension: fall back to the CN.
        }
        if (hosts.isEmpty()) {
            try {
                for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        hosts.add(rdn.getValue().toString().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (InvalidNameException e) {
                // No usable subject: no names.
            }
        }
        return List.copyOf(hosts);
    }
}
