package io.paas.router.tls;

import io.paas.client.Api;
import io.paas.router.Log;
import io.paas.router.routes.HostNames;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.impl.KeyStoreHelper;

import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The certificates of one route table, by the names they serve: exact names first, then
 * "*.example.com" for exactly one more label (the TLS wildcard rule).
 */
public final class Certificates {
    public static final Certificates NONE = new Certificates(Map.of(), Map.of(), List.of());

    private final Map<String, ServedCertificate> exact;
    private final Map<String, ServedCertificate> wildcard;
    private final List<ServedCertificate> all;

    private Certificates(Map<String, ServedCertificate> exact, Map<String, ServedCertificate> wildcard,
                         List<ServedCertificate> all) {
        this.exact = exact;
        this.wildcard = wildcard;
        this.all = all;
    }

    /** Parses PEMs (PKCS#8, PKCS#1 RSA, SEC1 EC keys); a certificate that does not parse is logged and skipped. */
    public static Certificates parse(Vertx vertx, List<Api.Certificate> certificates) {
        if (certificates == null || certificates.isEmpty()) {
            return NONE;
        }
        Map<String, ServedCertificate> exact = new HashMap<>();
        Map<String, ServedCertificate> wildcard = new HashMap<>();
        List<ServedCertificate> all = new ArrayList<>();
        for (Api.Certificate certificate : certificates) {
            ServedCertificate served;
            try {
                served = load(vertx, certificate);
            } catch (Exception e) {
                Log.info("certificate " + certificate.name() + " not served: " + e.getMessage());
                continue;
            }
            all.add(served);
            for (String host : served.hosts()) {
                if (host.startsWith("*.")) {
                    wildcard.putIfAbsent(host.substring(2), served);
                } else {
                    exact.putIfAbsent(host, served);
                }
            }
        }
        return new Certificates(Map.copyOf(exact), Map.copyOf(wildcard), List.copyOf(all));
    }

    private static ServedCertificate load(Vertx vertx, Api.Certificate certificate) throws Exception {
        if (certificate.certPem() == null || certificate.keyPem() == null) {
            throw new IllegalArgumentException("certificate or key missing");
        }
        KeyStore store = new PemKeyCertOptions()
                .addCertValue(Buffer.buffer(certificate.certPem()))
                .addKeyValue(Buffer.buffer(certificate.keyPem()))
                .loadKeyStore(vertx);
        for (String alias : Collections.list(store.aliases())) {
            Key key = store.getKey(alias, KeyStoreHelper.DUMMY_PASSWORD.toCharArray());
            if (key instanceof PrivateKey privateKey) {
                Certificate[] chain = store.getCertificateChain(alias);
                X509Certificate[] x509 = new X509Certificate[chain.length];
                for (int i = 0; i < chain.length; i++) {
                    x509[i] = (X509Certificate) chain[i];
                }
                List<String> hosts = new ArrayList<>();
                for (String host : certificate.hosts() == null ? List.<String>of() : certificate.hosts()) {
                    String normalized = HostNames.normalize(host);
                    if (normalized != null && !normalized.isEmpty()) {
                        hosts.add(normalized);
                    }
                }
                return new ServedCertificate(certificate.name(), List.copyOf(hosts), privateKey, x509);
            }
        }
        throw new IllegalArgumentException("no private key in the PEM");
    }

    /** The certificate for an SNI name: exact, then the one-label wildcard; null when none. */
    public ServedCertificate forHost(String sniHost) {
        String host = HostNames.normalize(sniHost);
        if (host == null) {
            return null;
        }
        ServedCertificate found = exact.get(host);
        if (found == null) {
            int dot = host.indexOf('.');
            if (dot > 0) {
                found = wildcard.get(host.substring(dot + 1));
            }
        }
        return found;
    }

    /** By certificate name (the key manager's alias). */
    public ServedCertificate byName(String name) {
        for (ServedCertificate certificate : all) {
            if (certificate.name().equals(name)) {
                return certificate;
            }
        }
        return null;
    }

    /** For clients without SNI (old clients, bare IPs): the first certificate, better than no handshake. */
    public ServedCertificate fallback() {
        return all.isEmpty() ? null : all.get(0);
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** Names for change logs. */
    public Map<String, List<String>> describe() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (ServedCertificate certificate : all) {
            names.put(certificate.name(), certificate.hosts());
        }
        return names;
    }
}
