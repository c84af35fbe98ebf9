package io.paas.router.proxy;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.HostAndPort;

import java.util.function.IntSupplier;

/** tls:enforce: a plain-HTTP request is sent to the same URL over HTTPS (301); HTTPS answers carry HSTS. */
final class TlsRedirect implements Guard {
    private final IntSupplier tlsPort;

    /** tlsPort: the port users reach HTTPS on (443 is left out of the URL). */
    TlsRedirect(IntSupplier tlsPort) {
        this.tlsPort = tlsPort;
    }

    @Override
    public int answer(Exchange exchange) {
        if (!exchange.route.policy().tlsEnforce() || exchange.request.isSSL()) {
            return 0;
        }
        HostAndPort authority = exchange.request.authority();
        int port = tlsPort.getAsInt();
        String location = "https://" + (authority == null ? exchange.route.host() : authority.host())
                + (port == 443 || port <= 0 ? "" : ":" + port) + exchange.request.uri();
        exchange.request.response().setStatusCode(301)
                .putHeader(HttpHeaders.LOCATION, location)
                .putHeader(HttpHeaders.CONTENT_LENGTH, "0")
                .putHeader(ErrorPages.ROUTER_HEADER, "1")
                .end();
        return 301;
    }
}
