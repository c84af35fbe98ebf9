package io.paas.controller.platform;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * The TLS trust of the platform's outgoing connections: the JDK's certificate authorities, plus those of a
 * PEM file when the operator gives one (a company CA, a receiver's own certificate): PAAS_DRAIN_CA_FILE for
 * log drains, PAAS_ACME_CA_CERT for the ACME CA's API. Host names are verified either way.
 */
public final class CaTrust {
    private CaTrust() {
    }

    /** setting: the variable that named the file, for the message when it cannot be read. */
    public static SSLContext context(Path caFile, String setting) {
        try {
            if (caFile == null) {
                return SSLContext.getDefault();
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate authority : defaultTrustManager().getAcceptedIssuers()) {
                trusted.setCertificateEntry("jdk-" + n++, authority);
            }
            try (InputStream in = Files.newInputStream(caFile)) {
                for (Certificate extra : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trusted.setCertificateEntry("extra-ca-" + n++, extra);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(setting + " " + caFile + " could not be read as PEM certificates: "
                    + e.getMessage(), e);
        }
    }

    private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK has no X.509 trust manager");
    }
}
