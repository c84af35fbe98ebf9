package io.paas.controller.api;

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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A push is answered as soon as its release serves: the old containers drain and stop after the
 * answer, and the app's next change waits for that stop, against a real engine.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class PushAnswerApiTest {
    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;

    @Test
    void thePushAnswersBeforeTheOldContainersStopAndTheNextChangeWaitsForThem() {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, "answer-");
        // v2's web ignores SIGTERM, so its stop takes the whole stop grace (10 s) before the engine kills it
        build(token, app, image.get(), "trap '' TERM; " + TestImage.httpd("v2 serves")).statusCode(201);
        assertEquals(List.of(2), releasesOf(token, app));

        long t0 = System.nanoTime();
        build(token, app, image.get(), TestImage.httpd("v3 serves")).statusCode(201);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("[push answer] v3 answered in %d ms%n", millis);
        assertTrue(millis < 8_000, "the push waited " + millis + " ms: the old container's drain and stop (11 s)");
        assertTrue(releasesOf(token, app).contains(2), "v2's container was gone when the push answered: "
                + releasesOf(token, app));

        // a config change takes the app's deploy lock, so it starts only once v2's container stopped
        as(token).body(Map.of("values", Map.of("GREETING", "hi"))).when().patch("/v2/apps/" + app + "/config")
                .then().statusCode(200);
        long total = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(total >= 10_000, "the config change did not wait for v2's stop: " + total + " ms");
        assertEquals(List.of(4), releasesOf(token, app));
    }

    /** The releases of the app's containers, as its processes list them. */
    private static List<Integer> releasesOf(String token, String app) {
        List<Map<String, Object>> processes = as(token).when().get("/v2/apps/" + app).then().statusCode(200)
                .extract().path("processes");
        return processes.stream().map(p -> (Integer) p.get("release")).distinct().sorted().toList();
    }
}
