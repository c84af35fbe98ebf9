package io.paas.router;

/** The same HTTPS behaviour and TLS profile on BoringSSL (netty-tcnative: PAAS_ROUTER_TLS_ENGINE=openssl, or auto where it loads). */
class TlsOnOpenSslTest extends TlsTest {
    @Override
    String tlsEngine() {
        return "openssl";
    }
}
