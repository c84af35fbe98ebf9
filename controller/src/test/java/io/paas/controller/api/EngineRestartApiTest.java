package io.paas.controller.api;

import io.paas.controller.scheduler.docker.PodmanService;
import io.paas.controller.scheduler.docker.TestImage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.build;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.username;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        build(token, app, image.get(), TestImage.httpd("up")).statusCode(201);

        podman.crashAndRestart(() -> {
            as(token).when().get("/v2/apps/" + app + "/ps").then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("engine_unavailable"))
                    .body("detail", equalTo(NOT_ANSWERING));
            as(token).body(Map.of("web", 2)).when().patch("/v2/apps/" + app + "/formation").then().statusCode(503)
                    .body("detail", equalTo(NOT_ANSWERING))
                    .body(not(containsString("Exception")));
        });

        // The scale was stored before the engine was asked: once it is back, it is carried out (by the
        // reconciler, or by the user's try again).
        as(token).body(Map.of("web", 2)).when().patch("/v2/apps/" + app + "/formation").then().statusCode(200);
        List<String> states = List.of();
        for (long end = System.nanoTime() + 30_000_000_000L; System.nanoTime() < end; Thread.sleep(200)) {
            states = as(token).when().get("/v2/apps/" + app + "/ps").then().statusCode(200).extract().path("state");
            if (states.equals(List.of("running", "running"))) {
                break;
            }
        }
        assertEquals(List.of("running", "running"), states);
    }
}
