package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.paas.controller.api.TestUsers.appId;
import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.builder;
import static io.paas.controller.api.TestUsers.username;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The builder records builds and their output; their user lists them and reads one's reason and whole output. */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class BuildsApiTest {
    /** The builder began the builds these tests record three seconds ago. */
    private static final String STARTED = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3).toString();

    @Test
    void aFailedBuildIsListedWithItsReasonAndItsLastOutputLines() {
        String owner = register();
        String app = createApp(owner, "failb-");
        as(owner).when().get("/v2/apps/" + app + "/builds").then().statusCode(200).body("$", hasSize(0));

        String output = IntStream.rangeClosed(1, 60).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        String id = builder().body(failed(owner, app, appId(owner, app), "build failed", output))
                .when().post("/v2/apps/" + app + "/builds/failed").then().statusCode(201)
                .body("status", equalTo("failed")).extract().path("id");

        as(owner).when().get("/v2/apps/" + app + "/builds").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].id", equalTo(id))
                .body("[0].status", equalTo("failed"))
                .body("[0].sha", equalTo("0123456789abcdef0123456789abcdef01234567"))
                .body("[0].user", equalTo(username(owner)))
                .body("[0].reason", equalTo("build failed"))
                .body("[0].createdAt", equalTo(STARTED))
                .body("[0].durationMs", greaterThanOrEqualTo(3000))
                .body("[0].output", nullValue());
        // the whole output is kept
        as(owner).when().get("/v2/apps/" + app + "/builds/" + id).then().statusCode(200)
                .body("reason", equalTo("build failed")).body("output", equalTo(output));
        as(owner).when().get("/v2/apps/" + app + "/builds/not-an-id").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theBuilderStoresABuildsWholeOutputAndTheNewest20BuildsKeepTheirs() {
        String owner = register();
        String app = createApp(owner, "outb-");
        String appId = appId(owner, app);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 22; i++) {
            ids.add(builder().body(failed(owner, app, appId, "build " + i + " failed", "output of build " + i))
                    .when().post("/v2/apps/" + app + "/builds/failed").then().statusCode(201).extract().path("id"));
        }
        // the two oldest keep their row and reason, their output says it is gone; the 20 newest keep theirs
        for (int i = 1; i <= 22; i++) {
            as(owner).when().get("/v2/apps/" + app + "/builds/" + ids.get(i - 1)).then().statusCode(200)
                    .body("reason", equalTo("build " + i + " failed"))
                    .body("output", equalTo(i <= 2 ? "output no longer kept (only the newest 20 builds keep theirs)"
                            : "output of build " + i));
        }
        as(owner).when().get("/v2/apps/" + app + "/builds").then().statusCode(200).body("$", hasSize(22))
                .body("output", everyItem(nullValue()));

        // the builder sends a build's output after its push ended: a long one keeps its start and its end
        String newest = ids.get(21);
        String line = "x".repeat(99) + "\n";
        String huge = "-----> Building " + app + "\n" + line.repeat(15_000) + "-----> Released v9";
        builder().body(Map.of("output", huge)).when().put("/v2/apps/" + app + "/builds/" + newest + "/output")
                .then().statusCode(204);
        String kept = as(owner).when().get("/v2/apps/" + app + "/builds/" + newest).then().statusCode(200)
                .extract().path("output");
        assertTrue(kept.startsWith("-----> Building " + app + "\n" + line), kept.substring(0, 200));
        assertTrue(kept.endsWith(line + "-----> Released v9"));
        assertTrue(kept.getBytes(StandardCharsets.UTF_8).length <= 1 << 20, "at most 1 MiB: " + kept.length());
        assertTrue(kept.matches("(?s).*\n-----> \\[\\d+ bytes of output cut here: a build keeps its first 256 KiB "
                + "and its last 767 KiB]\n.*"), "says what was cut");
        int cut = Integer.parseInt(kept.replaceAll("(?s).*-----> \\[(\\d+) bytes of output cut here.*", "$1"));
        assertEquals(huge.length(), cut + kept.length() - kept.lines().filter(l -> l.contains("cut here")).findFirst()
                .orElseThrow().length() - 1, "what was cut and what was kept make the whole");

        // only the builder stores outputs, only of the app's own builds
        as(owner).body(Map.of("output", "fake")).when().put("/v2/apps/" + app + "/builds/" + newest + "/output")
                .then().statusCode(401).contentType("application/problem+json");
        String other = createApp(owner, "outc-");
        builder().body(Map.of("output", "x")).when().put("/v2/apps/" + other + "/builds/" + newest + "/output")
                .then().statusCode(404).contentType("application/problem+json");
        builder().body(Map.of("output", "x")).when().put("/v2/apps/no-such-app-" + System.nanoTime() + "/builds/"
                + newest + "/output").then().statusCode(404);
        builder().body(Map.of()).when().put("/v2/apps/" + app + "/builds/" + newest + "/output")
                .then().statusCode(400).body("detail", equalTo("output is required"));
        as(owner).when().get("/v2/apps/" + app + "/builds/" + newest).then().body("output", equalTo(kept));
    }

    @Test
    void othersCannotReadOrRecordBuilds() {
        String owner = register();
        String app = createApp(owner, "failc-");
        String id = builder().body(failed(owner, app, appId(owner, app), "image not allowed", "x"))
                .when().post("/v2/apps/" + app + "/builds/failed").then().statusCode(201).extract().path("id");

        String stranger = register();
        as(stranger).when().get("/v2/apps/" + app + "/builds").then().statusCode(404)
                .contentType("application/problem+json");
        as(stranger).when().get("/v2/apps/" + app + "/builds/" + id).then().statusCode(404);
        // a user cannot record builds, not even on their own app
        as(owner).body(failed(owner, app, appId(owner, app), "fake", "x"))
                .when().post("/v2/apps/" + app + "/builds/failed").then().statusCode(401);
        // the build of another app is not found through this one
        String other = createApp(owner, "faild-");
        as(owner).when().get("/v2/apps/" + other + "/builds/" + id).then().statusCode(404);
        // a build of a destroyed app whose name was taken again is not recorded on the new app
        builder().body(failed(owner, app, "0000-not-this-app", "build failed", "x"))
                .when().post("/v2/apps/" + app + "/builds/failed").then().statusCode(409)
                .body("detail", startsWith("app " + app + " was destroyed"));
        builder().body(Map.of("appId", appId(owner, app), "sha", "abc"))
                .when().post("/v2/apps/" + app + "/builds/failed").then().statusCode(400)
                .body("detail", equalTo("appId, sha, username and reason are required"));
    }

    private static Map<String, String> failed(String token, String app, String appId, String reason, String output) {
        return Map.of("appId", appId, "sha", "0123456789abcdef0123456789abcdef01234567", "username", username(token),
                "reason", reason, "output", output, "startedAt", STARTED);
    }
}
