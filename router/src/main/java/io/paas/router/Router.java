package io.paas.router;

import io.paas.router.metrics.AdminServer;
import io.paas.router.metrics.RouterMetrics;
import io.paas.router.proxy.ProxyServer;
import io.paas.router.logs.RequestLogShipper;
import io.paas.router.routes.Endpoints;
import io.paas.router.routes.LiveRoutes;
import io.paas.router.routes.RouteSync;
import io.paas.router.routes.RouteTable;
import io.paas.router.routes.RouteTables;
import io.paas.router.routes.StaticRoutes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;

/** A running router: the route sync, one proxy instance per event loop (plain + TLS ports) and the admin port. */
public final class Router {
    private final Vertx vertx;
    private final RouteSync sync;
    private final ProxyServer proxy;
    private final long shutdownGraceMillis;
    private final LiveRoutes routes;
    private volatile AdminServer admin;
    private final RouterMetrics metrics;
    private final String transport;

    private Router(Vertx vertx, String transport, RouteSync sync, ProxyServer proxy, LiveRoutes routes, AdminServer admin,
                   RouterMetrics metrics, long shutdownGraceMillis) {
        this.transport = transport;
        this.vertx = vertx;
        this.sync = sync;
        this.proxy = proxy;
        this.shutdownGraceMillis = shutdownGraceMillis;
        this.routes = routes;
        this.admin = admin;
        this.metrics = metrics;
    }

    /** Starts listening and following the controller; the future fails when a port cannot be bound. */
    public static Future<Router> start(RouterSettings settings) {
        Transport transport;
        try {
            transport = Transports.choose(settings.transport());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(settings.eventLoops()))
                .withTransport(transport).build();
        LiveRoutes routes = new LiveRoutes();
        RouterMetrics metrics = new RouterMetrics();
        RouteTables tables = new RouteTables(vertx, new Endpoints(), metrics);
        LogBuffer accessLog = settings.accessLog() ? new LogBuffer() : null;
        if (accessLog != null) {
            vertx.setPeriodic(100, id -> accessLog.flush());
        }
        RouteSync sync = null;
        Promise<Void> firstTable = Promise.promise();
        try {
            if (settings.staticRoutes() != null) {
                RouteTable table = StaticRoutes.load(settings.staticRoutes(), tables);
                routes.swap(table);
                metrics.generation(table.generation());
                firstTable.complete();
            } else {
                sync = new RouteSync(vertx, settings.controllerUrl(), settings.routerId(), settings.serviceToken(), routes,
                        tables, table -> {
                            metrics.generation(table.generation());
                            firstTable.tryComplete();
                        });
                // Fetch the table while the listeners come up: the first requests then find their apps.
                sync.start();
            }
        } catch (RuntimeException e) {
            vertx.close();
            return Future.failedFuture(e);
        }
        RouteSync started = sync;
        // Each request's line also goes to its app's log (paas logs) when a controller is followed;
        // PAAS_ROUTER_APP_LOGS=0 turns that off (to measure what it costs).
        RequestLogShipper shipper = null;
        if (sync != null && !"0".equals(System.getenv("PAAS_ROUTER_APP_LOGS"))) {
            shipper = new RequestLogShipper(vertx, settings.controllerUrl(), settings.serviceToken());
            shipper.start();
        }
        // Taking over from a running router: its listeners serve until this one joins them, and this one joins
        // only with its routes in hand. Its admin port is free once the old router has gone.
        Future<Void> ready = settings.takeover() ? firstTable.future() : Future.succeededFuture();
        RequestLogShipper ships = shipper;
        return ready.compose(v -> ProxyServer.start(vertx, routes, settings.bind(), settings.port(), settings.tlsPort(),
                        settings.takeover(), settings.tlsEngine(), metrics, accessLog, ships))
                .compose(proxy -> {
                    Router router = new Router(vertx, transport.name(), started, proxy, routes, null, metrics,
                            settings.shutdownGraceMillis());
                    if (settings.adminPort() < 0) {
                        return Future.succeededFuture(router);
                    }
                    if (settings.takeover()) {
                        AdminServer.startOnceFree(vertx, settings.adminBind(), settings.adminPort(), metrics, routes)
                                .onSuccess(admin -> {
                                    router.admin = admin;
                                    Log.info("metrics on http://" + settings.adminBind() + ":" + admin.port() + "/metrics");
                                });
                        return Future.succeededFuture(router);
                    }
                    return AdminServer.start(vertx, settings.adminBind(), settings.adminPort(), metrics, routes)
                            .map(admin -> {
                                router.admin = admin;
                                return router;
                            });
                })
                .recover(error -> {
                    if (started != null) {
                        started.stop();
                    }
                    // Not chained: the close ends the very context this callback would report on.
                    vertx.close();
                    return Future.failedFuture(error);
                });
    }

    public int port() {
        return proxy.plainPort();
    }

    /** -1 when HTTPS is off. */
    public int tlsPort() {
        return proxy.tlsPort();
    }

    /** -1 when the admin port is off. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    /** "BoringSSL", "JDK TLS", or "none" when HTTPS is off. */
    public String tlsEngine() {
        return proxy.tlsEngine();
    }

    /** io_uring, epoll or nio (Transports). */
    public String transport() {
        return transport;
    }

    public LiveRoutes routes() {
        return routes;
    }

    public RouterMetrics metrics() {
        return metrics;
    }

    /** Stops following routes, lets requests in flight finish (up to the grace period), then closes. */
    public Future<Void> stop() {
        if (sync != null) {
            sync.stop();
        }
        return proxy.shutdown(shutdownGraceMillis).eventually(() -> vertx.close());
    }
}
