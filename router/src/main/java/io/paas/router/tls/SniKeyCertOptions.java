package io.paas.router.tls;

import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import java.security.KeyStore;
import java.security.Provider;
import java.util.function.Function;

/**
 * Hands Vert.x the SNI key manager. Vert.x's own KeyCertOptions.wrap needs SLF4J on the class path
 * (its wrapper class logs through it), which the router does not otherwise carry.
 */
public final class SniKeyCertOptions implements KeyCertOptions {
    private static final Provider PROVIDER = new Provider("paas-router", "1.0", "route table certificates") {
    };
    private final KeyManagerFactory factory;

    public SniKeyCertOptions(SniKeyManager keyManager) {
        this.factory = new Factory(keyManager);
    }

    @Override
    public KeyCertOptions copy() {
        return this;
    }

    @Override
    public KeyManagerFactory getKeyManagerFactory(Vertx vertx) {
        return factory;
    }

    /** No per-name factories: the one key manager picks by SNI itself, from the table in use. */
    @Override
    public Function<String, KeyManagerFactory> keyManagerFactoryMapper(Vertx vertx) {
        return null;
    }

    private static final class Factory extends KeyManagerFactory {
        Factory(SniKeyManager keyManager) {
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
}
