package io.paas.router.tls;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import java.security.KeyStore;
import java.security.Provider;

/**
 * Hands the TLS context the one SNI key manager. A factory rather than a key store: the key manager
 * picks the certificate per handshake from the route table in use, so nothing is rebuilt when
 * certificates change.
 */
public final class SniKeyManagerFactory extends KeyManagerFactory {
    private static final Provider PROVIDER = new Provider("paas-router", "1.0", "route table certificates") {
    };

    public SniKeyManagerFactory(SniKeyManager keyManager) {
        super(new KeyManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore ks, char[] password) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters spec) {
            }

            @Override
            protected KeyManager[] engineGetKeyManagers() {
                return new KeyManager[] {keyManager};
            }
        }, PROVIDER, "paas-sni");
    }
}
