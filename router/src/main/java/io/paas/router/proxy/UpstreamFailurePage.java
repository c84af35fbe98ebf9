package io.paas.router.proxy;

import io.paas.router.routes.AppRoute;
import io.vertx.core.Future;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/** Turns a failed exchange with the app (refused, reset) into the router's 502 page instead of an empty 502. */
final class UpstreamFailurePage implements ProxyInterceptor {
    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        return context.sendRequest().recover(error -> {
            AppRoute route = context.get(EndpointOrigin.ROUTE, AppRoute.class);
            ErrorPages.Page page = error instanceof EndpointOrigin.NoEndpoint || route == null
                    ? ErrorPages.noWebProcess(route == null ? appOf(context) : route.app())
                    : ErrorPages.upstreamFailed(route.app());
            return Future.succeededFuture(page.asProxyResponse(context));
        });
    }

    private static String appOf(ProxyContext context) {
        var authority = context.request().proxiedRequest().authority();
        return authority == null ? "this app" : authority.host();
    }
}
