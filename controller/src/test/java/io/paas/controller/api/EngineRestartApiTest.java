package io.paas.controller.api;

import io.paas.controller.scheduler.PodmanService;
import io.paas.controller.scheduler.TestImage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.service;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** While the container engine restarts, users are told so in plain words (problem+json 503), then it works again. */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class EngineRestartApiTest {
    static final String NOT_ANSWERING = "the container engine is not answering, try again";

    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;
    /** Set by PlatformResource. */
    PodmanService podman;

    @Test
    void anEngineThatIsRestartingIsAPlainTryAgain() throws Exception {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        assertNotNull(podman, "PlatformResource hands its engine to the test");
        String token = register();
        String app = createApp(token, "restart-");
        String user = as(token).when().get("/v2/auth/whoami").then().statusCode(200).extract().path("username");
        service().body(Map.of("sha", "0123456789abcdef", "username", user, "image", image.get(),
                        "processTypes", Map.of("web", TestImage.httpd("up"))))
                .when().post("/v2/apps/" + app + "/builds").then().statusCode(201);

        podman.crashAndRestart(() -> {
            as(token).when().get("/v2/apps/" + app + "/ps").then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("engine_unavailable"))
                    .body("detail", equalTo(NOT_ANSWERING));
            as(token).body(Map.of("web", 2)).when().patch("/v2/apps/" + app + "/formation").then().statusCode(503)
                    .body("detail", equalTo(NOT_ANSWERING))
                    .body(not(containsString("Exception")));
        });

        as(token).when().get("/v2/apps/" + app + "/ps").then().statusCode(200)
                .body("state", equalTo(java.util.List.of("running")));
        as(token).body(Map.of("web", 2)).when().patch("/v2/apps/" + app + "/formation").then().statusCode(200);
        as(token).when().get("/v2/apps/" + app + "/ps").then().statusCode(200).body("$", hasSize(2));
    }
}
