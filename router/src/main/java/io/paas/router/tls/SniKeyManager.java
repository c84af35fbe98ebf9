package io.paas.router.tls;

import io.paas.router.routes.LiveRoutes;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Chooses the certificate per handshake from the SNI name, reading the route table in use: a new
 * table's certificates serve from the next handshake on, with no SSL context to rebuild.
 * Aliases are certificate names.
 */
public final class SniKeyManager extends X509ExtendedKeyManager {
    private final LiveRoutes routes;

    public SniKeyManager(LiveRoutes routes) {
        this.routes = routes;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        Certificates certificates = routes.current().certificates();
        ServedCertificate chosen = null;
        String sni = engine == null ? null : sniName(engine.getHandshakeSession());
        if (sni != null) {
            chosen = certificates.forHost(sni);
        }
        if (chosen == null) {
            chosen = certificates.fallback();
        }
        // The JDK asks once per key type it could use; answer only for the one our key has.
        return chosen != null && keyType.equals(chosen.key().getAlgorithm()) ? chosen.name() : null;
    }

    private static String sniName(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        ServedCertificate certificate = routes.current().certificates().byName(alias);
        return certificate == null ? null : certificate.chain();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        ServedCertificate certificate = routes.current().certificates().byName(alias);
        return certificate == null ? null : certificate.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
