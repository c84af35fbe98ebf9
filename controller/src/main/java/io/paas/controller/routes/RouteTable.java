package io.paas.controller.routes;

import io.paas.client.Api;
import io.paas.controller.platform.PlatformSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The routes the controller publishes to routers: app host -> live web endpoints. Each change
 * bumps the generation and is sent, as the whole table, to every subscribed router.
 */
@ApplicationScoped
public class RouteTable {
    private final PlatformSettings settings;
    private final Map<String, List<String>> endpointsByApp = new TreeMap<>();
    private final List<Consumer<Api.RouteTable>> subscribers = new CopyOnWriteArrayList<>();
    private long generation;

    public RouteTable(PlatformSettings settings) {
        this.settings = settings;
    }

    /** Sets the app's endpoints (an empty list: the app exists but serves 503). */
    public void put(String app, List<String> endpoints) {
        Api.RouteTable table;
        synchronized (this) {
            List<String> previous = endpointsByApp.put(app, List.copyOf(endpoints));
            if (endpoints.equals(previous)) {
                return;
            }
            table = snapshotLocked(++generation);
        }
        publish(table);
    }

    public void remove(String app) {
        Api.RouteTable table;
        synchronized (this) {
            if (endpointsByApp.remove(app) == null) {
                return;
            }
            table = snapshotLocked(++generation);
        }
        publish(table);
    }

    public synchronized Api.RouteTable snapshot() {
        return snapshotLocked(generation);
    }

    /** Sends the current table at once, then every change, until the returned handle is run. */
    public Runnable subscribe(Consumer<Api.RouteTable> subscriber) {
        subscribers.add(subscriber);
        subscriber.accept(snapshot());
        return () -> subscribers.remove(subscriber);
    }

    private Api.RouteTable snapshotLocked(long gen) {
        List<Api.Route> routes = new ArrayList<>();
        endpointsByApp.forEach((app, endpoints) -> routes.add(new Api.Route(settings.appHost(app), app, endpoints)));
        return new Api.RouteTable(gen, routes);
    }

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
