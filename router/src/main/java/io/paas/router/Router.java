package io.paas.router;

import io.paas.router.proxy.ProxyVerticle;
import io.paas.router.routes.LiveRoutes;
import io.paas.router.routes.RouteSync;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.SocketAddress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A running router: the route sync plus one proxy instance per event loop, all on one port. */
public final class Router {
    private final Vertx vertx;
    private final RouteSync sync;
    private final List<ProxyVerticle> instances;
    private final LiveRoutes routes;

    private Router(Vertx vertx, RouteSync sync, List<ProxyVerticle> instances, LiveRoutes routes) {
        this.vertx = vertx;
        this.sync = sync;
        this.instances = instances;
        this.routes = routes;
    }

    /** Starts listening and following the controller; the future fails when the port cannot be bound. */
    public static Future<Router> start(RouterSettings settings) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(settings.eventLoops()));
        LiveRoutes routes = new LiveRoutes();
        // Port 0 with several instances: a shared random port, or each instance would get its own.
        SocketAddress address = settings.port() == 0
                ? SocketAddress.sharedRandomPort(1, settings.bind())
                : SocketAddress.inetSocketAddress(settings.port(), settings.bind());
        List<ProxyVerticle> instances = new CopyOnWriteArrayList<>();
        RouteSync sync = new RouteSync(vertx, settings.controllerUrl(), settings.serviceToken(), routes);
        // Fetch the table while the listeners come up: the first requests then find their apps.
        sync.start();
        return vertx.deployVerticle(() -> {
                    ProxyVerticle instance = new ProxyVerticle(routes, address, settings.shutdownGraceMillis());
                    instances.add(instance);
                    return instance;
                }, new DeploymentOptions().setInstances(settings.eventLoops()))
                .map(id -> new Router(vertx, sync, instances, routes))
                .recover(error -> {
                    sync.stop();
                    return vertx.close().transform(closed -> Future.failedFuture(error));
                });
    }

    public int port() {
        return instances.get(0).actualPort();
    }

    public LiveRoutes routes() {
        return routes;
    }

    /** Stops following routes, lets requests in flight finish (up to the grace period), then closes. */
    public Future<Void> stop() {
        sync.stop();
        return vertx.close();
    }
}
