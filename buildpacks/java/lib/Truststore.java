import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Truststore OUT PEM...: writes a PKCS12 trust store holding every certificate of the PEM files
 * (CA bundles or single certificates). Java 17 cannot read a PEM bundle as a trust store, and
 * keytool imports one certificate per run (a JVM start each, ~140 for a CA bundle); this is one run.
 * Written as the JDK writes its own cacerts: certificates unencrypted and no integrity password, so
 * it loads without javax.net.ssl.trustStorePassword.
 */
public class Truststore {
    public static void main(String[] args) throws Exception {
        System.setProperty("keystore.pkcs12.certProtectionAlgorithm", "NONE");
        System.setProperty("keystore.pkcs12.macAlgorithm", "NONE");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        int count = 0;
        for (int i = 1; i < args.length; i++) {
            try (InputStream in = Files.newInputStream(Path.of(args[i]))) {
                for (Certificate cert : factory.generateCertificates(in)) {
                    String alias = ((X509Certificate) cert).getSubjectX500Principal().getName() + " #" + count++;
                    store.setCertificateEntry(alias, cert);
                }
            }
        }
        if (count == 0) {
            System.err.println("no certificate in " + String.join(" ", java.util.Arrays.asList(args).subList(1, args.length)));
            System.exit(1);
        }
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            store.store(out, new char[0]);
        }
        System.out.println(count + " certificates");
    }
}
