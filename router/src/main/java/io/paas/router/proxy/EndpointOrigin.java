package io.paas.router.proxy;

import io.paas.router.routes.AppRoute;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;

/**
 * Picks the next endpoint of the request's app (round robin) and opens the origin request on the
 * pooled client. A refused connection has sent nothing, so it moves on to the next endpoint: a
 * process that just died does not fail requests while its siblings run.
 */
final class EndpointOrigin implements OriginRequestProvider {
    /** ProxyContext attribute with the AppRoute, read by the failure page. */
    static final String ROUTE = "paas.route";
    private static final int MAX_TRIES = 3;

    private final RouteLookup lookup;

    EndpointOrigin(RouteLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Future<HttpClientRequest> create(ProxyContext context) {
        AppRoute route = lookup.find(context.request().proxiedRequest());
        if (route == null || !route.hasEndpoints()) {
            // The table changed between the front door and here.
            return Future.failedFuture(new NoEndpoint());
        }
        context.set(ROUTE, route);
        // Keep the client's Host: apps build absolute URLs and pick virtual hosts from it.
        HostAndPort authority = context.request().proxiedRequest().authority();
        return open(context, route, authority, Math.min(MAX_TRIES, route.endpointCount()));
    }

    private Future<HttpClientRequest> open(ProxyContext context, AppRoute route, HostAndPort authority, int triesLeft) {
        SocketAddress endpoint = route.next();
        return context.client().request(new RequestOptions().setServer(endpoint))
                .map(request -> request.authority(authority))
                .recover(error -> triesLeft > 1 ? open(context, route, authority, triesLeft - 1) : Future.failedFuture(error));
    }

    /** The app lost its last endpoint while the request was on its way. */
    static final class NoEndpoint extends RuntimeException {
        NoEndpoint() {
            super("no endpoint", null, false, false);
        }
    }
}
