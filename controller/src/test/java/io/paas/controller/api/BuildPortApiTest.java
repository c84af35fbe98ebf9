package io.paas.controller.api;

import io.paas.controller.scheduler.docker.TestImage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.paas.controller.api.TestUsers.appId;
import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.page;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.builder;
import static io.paas.controller.api.TestUsers.username;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A build may name the port web listens on (a Dockerfile's EXPOSEd port): PORT in web's env, the
 * port the engine publishes and health-checks, kept by the releases that follow; against a real engine.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class BuildPortApiTest {
    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;

    @Test
    void webListensOnTheBuildsPortThroughLaterReleasesToo() throws Exception {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, "port-");
        build(token, app, Map.of("web", TestImage.httpd("listening on $PORT")), 8081).statusCode(201);
        assertEquals("listening on 8081", page(token, app));

        // a config change makes a release of the same build: same port
        as(token).body(Map.of("values", Map.of("GREETING", "hi"))).when().patch("/v2/apps/" + app + "/config")
                .then().statusCode(200);
        assertEquals("listening on 8081", page(token, app));

        // a build that names no port gets the platform's default
        build(token, app, Map.of("web", TestImage.httpd("listening on $PORT")), null).statusCode(201);
        assertEquals("listening on 5000", page(token, app));
    }

    @Test
    void portsSetMovesWebAndPortsClearGoesBackToTheBuildsPort() throws Exception {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, "ports-");
        as(token).body(Map.of("web", 9000)).when().put("/v2/apps/" + app + "/ports").then().statusCode(422)
                .body("detail", containsString("push code or deploy an image first"));
        // an image build: its command runs through /bin/sh -c in place of the image's entrypoint
        build(token, app, Map.of("web", TestImage.httpd("listening on $PORT")), 8081, "image").statusCode(201);
        assertEquals("listening on 8081", page(token, app));
        as(token).when().get("/v2/apps/" + app + "/ports").then().statusCode(200)
                .body("web", org.hamcrest.Matchers.equalTo(8081)).body("source", org.hamcrest.Matchers.equalTo("EXPOSE"));

        int before = as(token).when().get("/v2/apps/" + app).then().extract().path("release.version");
        as(token).body(Map.of("web", 9000)).when().put("/v2/apps/" + app + "/ports").then().statusCode(200)
                .body("version", org.hamcrest.Matchers.equalTo(before + 1));
        assertEquals("listening on 9000", page(token, app));
        // a config change keeps the chosen port
        as(token).body(Map.of("values", Map.of("GREETING", "hi"))).when().patch("/v2/apps/" + app + "/config")
                .then().statusCode(200);
        assertEquals("listening on 9000", page(token, app));
        as(token).when().get("/v2/apps/" + app + "/ports").then().statusCode(200)
                .body("web", org.hamcrest.Matchers.equalTo(9000)).body("source", org.hamcrest.Matchers.equalTo("ports:set"));
        as(token).body(Map.of("web", 70000)).when().put("/v2/apps/" + app + "/ports").then().statusCode(400);

        as(token).when().delete("/v2/apps/" + app + "/ports").then().statusCode(200);
        assertEquals("listening on 8081", page(token, app));
    }

    @Test
    void badPortsAndBlankCommandsAreRefused() {
        String token = register();
        String app = createApp(token, "badport-");
        for (int port : List.of(0, 65536, -1)) {
            build(token, app, Map.of("web", "true"), port).statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("port must be between 1 and 65535"));
        }
        build(token, app, Map.of("web", "   "), null).statusCode(400)
                .body("detail", containsString("invalid process type 'web'"));
    }

    private io.restassured.response.ValidatableResponse build(String token, String app, Map<String, String> types,
                                                              Integer port) {
        return build(token, app, types, port, null);
    }

    private io.restassured.response.ValidatableResponse build(String token, String app, Map<String, String> types,
                                                              Integer port, String kind) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("appId", appId(token, app),
                "sha", Long.toHexString(System.nanoTime()) + "abcdef", "username", username(token),
                "image", image.orElse("localhost/none:1"), "processTypes", types));
        if (port != null) {
            body.put("port", port);
        }
        if (kind != null) {
            body.put("kind", kind);
        }
        return builder().body(body).when().post("/v2/apps/" + app + "/builds").then();
    }
}
