package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.routes.RouteTable;
import io.paas.controller.routes.RouteMetaPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How domains, settings and certificates join the endpoints in the table routers follow. */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class RouteCompositionApiTest {
    @Inject
    RouteTable routes;
    @Inject
    RouteMetaPublisher publisher;

    private List<Api.Route> routesOf(Api.RouteTable table, String app) {
        return table.routes().stream().filter(r -> r.app().equals(app)).toList();
    }

    @Test
    void everyChangeIsPublishedAsANewGeneration() {
        String token = register();
        String app = createApp(token, "gen-");
        List<Api.RouteTable> seen = new CopyOnWriteArrayList<>();
        Runnable unsubscribe = routes.subscribe(seen::add);
        try {
            Api.RouteTable before = routes.snapshot();
            as(token).body(Map.of("domain", unique("g") + ".example.com")).when().post("/v2/apps/" + app + "/domains")
                    .then().statusCode(201);
            as(token).body(Map.of("maintenance", true)).when().patch("/v2/apps/" + app + "/router").then().statusCode(200);
            // Changing nothing publishes nothing.
            as(token).body(Map.of("maintenance", true)).when().patch("/v2/apps/" + app + "/router").then().statusCode(200);

            // The generation counter is shared with every other app (the background reconciler may route apps
            // of other tests meanwhile): count the tables that changed this app, and tables that changed nothing.
            // Tables are delivered outside the table's lock: order them, and leave out those made before ours.
            List<Api.RouteTable> after = seen.stream().filter(t -> t.generation() > before.generation())
                    .sorted(Comparator.comparingLong(Api.RouteTable::generation)).toList();
            int changesOfApp = 0;
            Api.RouteTable previous = before;
            for (Api.RouteTable table : after) {
                assertNotEquals(previous.routes(), table.routes(), "generation " + table.generation() + " changed nothing");
                if (!routesOf(table, app).equals(routesOf(previous, app))) {
                    changesOfApp++;
                }
                previous = table;
            }
            assertEquals(2, changesOfApp, "a table per change of the app, none for the repeated one");
            assertTrue(routesOf(previous, app).stream().allMatch(r -> Boolean.TRUE.equals(r.settings().maintenance())));
        } finally {
            unsubscribe.run();
        }
    }

    @Test
    void metaLoadedBeforeTheAppIsRoutedAppliesOnceItIs() {
        String token = register();
        String app = createApp(token, "order-");
        String domain = unique("o") + ".example.com";
        as(token).body(Map.of("domain", domain)).when().post("/v2/apps/" + app + "/domains").then().statusCode(201);

        // As after a controller restart: the loader runs before (or after) the first deploy puts endpoints.
        routes.remove(app);
        long generation = routes.snapshot().generation();
        assertEquals(generation, publisher.refresh(app), "an unrouted app publishes nothing");
        assertTrue(routesOf(routes.snapshot(), app).isEmpty());

        routes.put(app, List.of("127.0.0.1:4567"));
        List<Api.Route> routed = routesOf(routes.snapshot(), app);
        assertEquals(List.of(app + ".localhost", domain), routed.stream().map(Api.Route::host).toList());
        assertTrue(routed.stream().allMatch(r -> r.endpoints().equals(List.of("127.0.0.1:4567"))));
        assertNull(routed.get(1).settings());
    }
}
