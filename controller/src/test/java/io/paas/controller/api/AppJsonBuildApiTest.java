package io.paas.controller.api;

import io.paas.controller.scheduler.docker.TestImage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.paas.controller.api.TestUsers.appId;
import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.username;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a build brings from the app's app.json, against a real engine: its health checks (content
 * included) become the release's and decide whether it goes live; its formation scales the first
 * deploy only.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class AppJsonBuildApiTest {
    private static final Map<String, Object> CONTENT_CHECK = Map.of("web",
            Map.of("path", "/", "content", "all good", "attempts", 2, "timeout", 2, "interval", 1));

    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;

    @Test
    void healthChecksFromAppJsonGateTheReleaseAndFormationScalesOnlyTheFirstDeploy() {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, "appjson-");

        build(token, app, TestImage.httpd("all good here"), CONTENT_CHECK, Map.of("web", 2))
                .statusCode(201).body("release", equalTo(2));
        as(token).when().get("/v2/apps/" + app + "/formation").then().statusCode(200).body("web", equalTo(2));
        as(token).when().get("/v2/apps/" + app + "/healthchecks").then().statusCode(200)
                .body("web.path", equalTo("/")).body("web.content", equalTo("all good"))
                .body("web.attempts", equalTo(2));

        // the answer lacks the content: the release fails and v2 keeps serving with its two processes
        String detail = build(token, app, TestImage.httpd("something else"), CONTENT_CHECK, Map.of("web", 3))
                .statusCode(502).body("type", equalTo("deploy_failed")).extract().path("detail");
        System.out.println("[app.json] " + detail);
        assertTrue(detail.contains("health check GET / failed 2 attempts (last: HTTP 200 without \"all good\""), detail);
        List<Integer> serving = as(token).when().get("/v2/apps/" + app + "/ps").then().statusCode(200)
                .extract().path("findAll { it.type == 'web' && it.state == 'running' }.release");
        assertEquals(List.of(2, 2), serving);

        // a later build's formation is not a scale: web stays at 2
        build(token, app, TestImage.httpd("all good again"), CONTENT_CHECK, Map.of("web", 3)).statusCode(201);
        as(token).when().get("/v2/apps/" + app + "/formation").then().statusCode(200).body("web", equalTo(2));
    }

    @Test
    void anAppJsonNamingNoProcessTypeOfTheBuildOrABadPathIsRefused() {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, "appjson-");
        build(token, app, TestImage.httpd("hi"), Map.of(), Map.of("worker", 1))
                .statusCode(422).body("detail", containsString("app.json formation names 'worker', not a process type"));
        build(token, app, TestImage.httpd("hi"), Map.of("worker", Map.of("path", "/")), Map.of())
                .statusCode(422).body("detail", equalTo("app.json healthchecks names 'worker', not a process type "
                        + "this build runs (it has: web)"));
        build(token, app, TestImage.httpd("hi"), Map.of("web", Map.of("path", "health")), Map.of())
                .statusCode(400).body("detail", equalTo("health check path must start with /"));
    }

    /** The builder's call for a push whose app.json had these health checks and formation. */
    private ValidatableResponse build(String token, String app, String web,
                                     Map<String, Object> healthchecks, Map<String, Integer> formation) {
        return TestUsers.builder().body(Map.of("appId", appId(token, app), "sha", Long.toHexString(System.nanoTime()) + "abcdef",
                        "username", username(token), "image", image.get(), "processTypes", Map.of("web", web),
                        "healthchecks", healthchecks, "formation", formation))
                .when().post("/v2/apps/" + app + "/builds").then();
    }
}
