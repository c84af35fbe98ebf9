package io.paas.controller.routes;

import io.paas.client.Api;

import java.util.List;

/**
 * What the route table holds for an app besides its endpoints: its custom domains, its router
 * settings (null = defaults) and the certificates served for those domains.
 */
public record RouteMeta(List<String> domains, Api.RouteSettings settings, List<Api.Certificate> certificates) {
    public static final RouteMeta NONE = new RouteMeta(List.of(), null, List.of());

    public RouteMeta {
        domains = List.copyOf(domains);
        certificates = List.copyOf(certificates);
    }
}
