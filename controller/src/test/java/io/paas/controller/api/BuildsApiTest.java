package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The builder records a failed build; its user lists it and reads its reason and last output lines. */
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
        // only the last 50 lines are kept
        String kept = IntStream.rangeClosed(11, 60).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        as(owner).when().get("/v2/apps/" + app + "/builds/" + id).then().statusCode(200)
                .body("reason", equalTo("build failed")).body("output", equalTo(kept));
        as(owner).when().get("/v2/apps/" + app + "/builds/not-an-id").then().statusCode(404)
                .contentType("application/problem+json");
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
