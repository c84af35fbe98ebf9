package io.paas.controller.api;

import io.paas.controller.apps.AppService;
import io.paas.controller.deploy.DeployService;
import io.paas.controller.deploy.Reconciler;
import io.paas.controller.scheduler.RunningProcess;
import io.paas.controller.scheduler.Scheduler;
import io.paas.controller.scheduler.docker.TestImage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.paas.controller.api.TestUsers.appId;
import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.builder;
import static io.paas.controller.api.TestUsers.router;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * apps:destroy against a real container engine, with the reconciler reaching the app at the
 * worst moments: while the destroy runs (its containers stopped, its rows not yet deleted) and
 * after it (a pass that listed the app before it was deleted). Neither may start or route it again.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class AppDestroyTest {
    @Inject
    DeployService deploys;
    @Inject
    Reconciler reconciler;
    @Inject
    AppService apps;
    @Inject
    Scheduler scheduler;
    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;

    @Test
    void reconcilePassesDuringAndAfterDestroyBringNothingBack() throws Exception {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, "gone-");
        String user = as(token).when().get("/v2/auth/whoami").then().statusCode(200).extract().path("username");
        builder().body(Map.of("appId", appId(token, app), "sha", "0123456789abcdef", "username", user, "image", image.get(),
                        "processTypes", Map.of("web", TestImage.httpd("hello"))))
                .when().post("/v2/apps/" + app + "/builds").then().statusCode(201);
        List<String> endpoints = endpoints(app);
        assertEquals(1, endpoints.size(), "one web endpoint routed: " + endpoints);
        assertEquals("hello\n", get("http://" + endpoints.get(0) + "/"));

        Thread[] duringDestroy = new Thread[1];
        deploys.destroy(app, () -> {
            // The containers are stopped and the route is gone, but the rows still exist.
            duringDestroy[0] = new Thread(() -> reconciler.reconcile(app), "reconcile-during-destroy");
            duringDestroy[0].start();
            try {
                duringDestroy[0].join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            apps.delete(app);
        });
        assertNotNull(duringDestroy[0]);
        assertFalse(duringDestroy[0].isAlive(), "the reconcile pass during destroy returned");
        reconciler.reconcile(app);

        assertEquals(List.of(), scheduler.observe(app).stream().map(RunningProcess::name).toList(),
                "no container of the destroyed app is left or started again");
        assertEquals(List.of(), routes(app), "the destroyed app is not routed again");
        as(token).when().get("/v2/apps/" + app).then().statusCode(404);
    }

    /** The app's entries in the route table the routers receive. */
    private static List<Map<String, Object>> routes(String app) {
        return router().when().get("/v2/routes").then().statusCode(200)
                .extract().path("routes.findAll { it.app == '" + app + "' }");
    }

    @SuppressWarnings("unchecked")
    private static List<String> endpoints(String app) {
        return routes(app).stream().flatMap(route -> ((List<String>) route.get("endpoints")).stream()).toList();
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }
}
