package io.paas.router.tls;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import java.util.List;

/**
 * How the router speaks TLS: Mozilla's "intermediate" server profile (ssl-config.mozilla.org), the one
 * recommended for sites that must serve every browser of the last years. TLS 1.2 and 1.3 only; AEAD
 * ciphers with forward secrecy only (no CBC: LUCKY13 and its kin); a client may not start a new
 * handshake on an open connection (a handshake costs the server far more than the client, so
 * renegotiation on demand is a cheap way to burn its CPU).
 */
public final class TlsProfile {
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    /** The JDK's switch, read once when its first server handshake starts: set before the router's first. */
    private static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    private TlsProfile() {
    }

    /** The builder, with the profile's protocols and ciphers; renegotiation is refused from here on. */
    public static SslContextBuilder applyTo(SslContextBuilder builder) {
        System.setProperty(REJECT_RENEGOTIATION, "true");
        return builder.protocols(PROTOCOLS).ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
    }
}
