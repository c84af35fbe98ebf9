package io.paas.router.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A parsed certificate ready for handshakes: the key manager hands out its key and chain by name. */
public record ServedCertificate(String name, List<String> hosts, PrivateKey key, X509Certificate[] chain) {
}
