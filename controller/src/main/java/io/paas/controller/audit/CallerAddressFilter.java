package io.paas.controller.audit;

import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** The caller's address (ClientAddress): the connection's, or the router's X-Forwarded-For for PAAS_API_HOST. */
public class CallerAddressFilter {
    private final CallerOrigin origin;

    public CallerAddressFilter(CallerOrigin origin) {
        this.origin = origin;
    }

    @ServerRequestFilter(preMatching = true)
    public void remember(HttpServerRequest request) {
        origin.address(ClientAddress.of(request));
    }
}
