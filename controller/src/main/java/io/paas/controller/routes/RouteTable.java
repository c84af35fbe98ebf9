package io.paas.controller.routes;

import io.paas.client.Api;
import io.paas.controller.platform.PlatformSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The routes the controller publishes to routers: app host and custom domains -> live web
 * endpoints, with the app's router settings and the certificates of its domains. Each change
 * bumps the generation and is sent, as the whole table, to every subscribed router.
 * It holds no database state of its own: the domains, settings and certificates come in through
 * {@link #updateMeta} (io.paas.controller.routes.RouteMetaPublisher).
 */
@ApplicationScoped
public class RouteTable {
    private final PlatformSettings settings;
    private final PlatformRoutes platform;
    private final Map<String, List<String>> endpointsByApp = new TreeMap<>();
    private final Map<String, RouteMeta> metaByApp = new HashMap<>();
    private final Map<String, String> acmeChallenges = new TreeMap<>();
    private final List<Consumer<Api.RouteTable>> subscribers = new CopyOnWriteArrayList<>();
    /**
     * Starts from the clock, not from 0: a restarted controller must not hand routers a
     * generation they already passed, or their acks would look old.
     */
    private long generation = System.currentTimeMillis() * 1000;
    private final java.util.concurrent.CountDownLatch complete = new java.util.concurrent.CountDownLatch(1);

    public RouteTable(PlatformSettings settings, PlatformRoutes platform) {
        this.settings = settings;
        this.platform = platform;
    }

    /**
     * After a (re)start the table fills app by app; until the first full pass marks it complete,
     * routers keep the table they have rather than take a partial one.
     */
    public void markComplete() {
        complete.countDown();
    }

    public boolean awaitComplete(java.time.Duration timeout) {
        try {
            return complete.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Sets the app's endpoints (an empty list: the app exists but serves 503). Answers the
     * generation that holds the change, for {@link RouterAcks#awaitAll}.
     */
    public long put(String app, List<String> endpoints) {
        Api.RouteTable table;
        synchronized (this) {
            List<String> previous = endpointsByApp.put(app, List.copyOf(endpoints));
            if (endpoints.equals(previous)) {
                return generation;
            }
            table = snapshotLocked(++generation);
            publish(table);
        }
        return table.generation();
    }

    /**
     * Sets many apps' endpoints as one change: one generation and one table to the routers,
     * however many apps changed (a full pass over hundreds of apps must not send hundreds of tables).
     */
    public long putAll(Map<String, List<String>> endpoints) {
        Api.RouteTable table;
        synchronized (this) {
            boolean changed = false;
            for (Map.Entry<String, List<String>> entry : endpoints.entrySet()) {
                List<String> previous = endpointsByApp.put(entry.getKey(), List.copyOf(entry.getValue()));
                changed |= !entry.getValue().equals(previous);
            }
            if (!changed) {
                return generation;
            }
            table = snapshotLocked(++generation);
            publish(table);
        }
        return table.generation();
    }

    /** The endpoints the app is routed to now; null when it is not routed. */
    public synchronized List<String> endpoints(String app) {
        return endpointsByApp.get(app);
    }

    /**
     * Sets the app's domains, settings and certificates; publishes a new generation when the app
     * is routed and something changed. Answers the generation that holds the change.
     */
    public long updateMeta(String app, RouteMeta meta) {
        Api.RouteTable table;
        synchronized (this) {
            RouteMeta previous = meta.equals(RouteMeta.NONE) ? metaByApp.remove(app) : metaByApp.put(app, meta);
            if (meta.equals(previous == null ? RouteMeta.NONE : previous) || !endpointsByApp.containsKey(app)) {
                return generation;
            }
            table = snapshotLocked(++generation);
            publish(table);
        }
        return table.generation();
    }

    /**
     * Has the routers answer an ACME HTTP-01 challenge (keyAuthorization null: stop answering it). Answers the
     * generation that holds the change: the CA may be told to validate once the routers confirmed it.
     */
    public long acmeChallenge(String token, String keyAuthorization) {
        Api.RouteTable table;
        synchronized (this) {
            if (keyAuthorization == null ? acmeChallenges.remove(token) == null
                    : keyAuthorization.equals(acmeChallenges.put(token, keyAuthorization))) {
                return generation;
            }
            table = snapshotLocked(++generation);
            publish(table);
        }
        return table.generation();
    }

    public long remove(String app) {
        Api.RouteTable table;
        synchronized (this) {
            metaByApp.remove(app);
            if (endpointsByApp.remove(app) == null) {
                return generation;
            }
            table = snapshotLocked(++generation);
            publish(table);
        }
        return table.generation();
    }

    public synchronized Api.RouteTable snapshot() {
        return snapshotLocked(generation);
    }

    /** Sends the current table at once, then every change, until the returned handle is run. */
    public synchronized Runnable subscribe(Consumer<Api.RouteTable> subscriber) {
        subscribers.add(subscriber);
        subscriber.accept(snapshotLocked(generation));
        return () -> subscribers.remove(subscriber);
    }

    private Api.RouteTable snapshotLocked(long gen) {
        List<Api.Route> routes = new ArrayList<>();
        List<Api.Certificate> certificates = new ArrayList<>();
        endpointsByApp.forEach((app, endpoints) -> {
            RouteMeta meta = metaByApp.getOrDefault(app, RouteMeta.NONE);
            routes.add(new Api.Route(settings.appHost(app), app, endpoints, meta.settings()));
            meta.domains().forEach(domain -> routes.add(new Api.Route(domain, app, endpoints, meta.settings())));
            certificates.addAll(meta.certificates());
        });
        routes.addAll(platform.routes());
        certificates.addAll(platform.certificates());
        return new Api.RouteTable(gen, routes, certificates, Map.copyOf(acmeChallenges));
    }

    /**
     * Called under the table's lock: two changes must reach the routers in generation order, or a
     * router could apply an older table after a deploy saw it confirm the newer one. Subscribers
     * only queue the table (the route stream's emitter), so the lock is not held across I/O.
     */
    private void publish(Api.RouteTable table) {
        for (Consumer<Api.RouteTable> subscriber : subscribers) {
            try {
                subscriber.accept(table);
            } catch (RuntimeException e) {
                subscribers.remove(subscriber);
            }
        }
    }
}
