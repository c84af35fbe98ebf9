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
import static io.paas.controller.api.TestUsers.username;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A release that cannot go live says why, at once and for later (releases:info), against a real
 * engine: a process that exits, one killed for memory. Settings set as they are make no release.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class ReleaseFailureApiTest {
    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;

    @Test
    void aProcessThatExitsFailsItsReleaseAtOnceWithItsStatusAndOutput() {
        Owner owner = deployedApp("exits-", TestImage.httpd("v2 serves"));
        String token = owner.token();
        String app = owner.app();

        long t0 = System.nanoTime();
        String detail = build(owner.token(), app, image.get(), "echo starting-$PAAS_RELEASE; echo no-such-module >&2; exit 1")
                .statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("deploy_failed")).extract().path("detail");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("[release failure] answered in %d ms: %s%n", millis, detail);
        assertTrue(millis < 15_000, "the deploy waited " + millis + " ms for a process that had exited");
        assertTrue(detail.matches("(?s)web\\.1 of v3 exited with status 1 after \\d+\\.\\d s; the previous release "
                + "keeps serving\\. Its last output:\n.*no-such-module.*"), detail);

        Map<String, Object> v3 = release(token, app, 3);
        String failure = (String) v3.get("failure");
        String output = (String) v3.get("failureOutput");
        assertEquals("failed", v3.get("status"));
        assertTrue(failure.matches("web\\.1 exited with status 1 after \\d\\.\\d s"), failure);
        assertTrue(output.contains("starting-v3") && output.contains("no-such-module"), output);
        assertEquals("succeeded", release(token, app, 2).get("status"));
        assertNull(release(token, app, 2).get("failureOutput"));
    }

    @Test
    void aProcessOverItsMemoryLimitFailsItsReleaseSayingSo() {
        Owner owner = deployedApp("oom-", TestImage.httpd("small"));
        String token = owner.token();
        String app = owner.app();
        as(token).body(Map.of("web", Map.of("memory", 24L * 1024 * 1024))).when().patch("/v2/apps/" + app + "/limits")
                .then().statusCode(200).body("version", equalTo(3)).body("status", equalTo("succeeded"));

        String detail = build(owner.token(), app, image.get(), "echo allocating; head -c 300m /dev/zero | tail").statusCode(502)
                .extract().path("detail");
        System.out.println("[release failure] " + detail);
        Map<String, Object> v4 = release(token, app, 4);
        String failure = (String) v4.get("failure");
        assertEquals("failed", v4.get("status"));
        assertTrue(failure.startsWith("web.1 killed") && failure.contains("out of memory (limit 24 MB)"), failure);
        assertTrue(((String) v4.get("failureOutput")).contains("allocating"), (String) v4.get("failureOutput"));
    }

    @Test
    void limitsAndHealthChecksSetAsTheyAreMakeNoRelease() {
        Owner owner = deployedApp("same-", TestImage.httpd("same"));
        String token = owner.token();
        String app = owner.app();
        String limits = "/v2/apps/" + app + "/limits";
        as(token).body(Map.of("web", Map.of("memory", 512L * 1024 * 1024))).when().patch(limits)
                .then().statusCode(200).body("version", equalTo(3));
        as(token).body(Map.of("web", Map.of("memory", 512L * 1024 * 1024))).when().patch(limits)
                .then().statusCode(200).body("version", equalTo(3)).body("status", equalTo("succeeded"));

        String checks = "/v2/apps/" + app + "/healthchecks";
        Map<String, Object> check = Map.of("web", Map.of("path", "/", "timeout", 3, "interval", 2));
        as(token).body(check).when().patch(checks).then().statusCode(200).body("version", equalTo(4));
        as(token).body(check).when().patch(checks).then().statusCode(200).body("version", equalTo(4));

        assertEquals(List.of(4, 3, 2, 1), as(token).when().get("/v2/apps/" + app + "/releases")
                .then().statusCode(200).extract().path("version"));
        // a real change still makes one
        as(token).body(Map.of("web", Map.of("memory", 256L * 1024 * 1024))).when().patch(limits)
                .then().statusCode(200).body("version", equalTo(5))
                .body("summary", containsString("changed limits of web"));
    }

    /** A new user's app serving v2, a build of web; its owner's token and name. */
    @Test
    void theRollbackTargetIsTheNewestEarlierReleaseThatServedNotAFailedOne() {
        Owner owner = deployedApp("target-", TestImage.httpd("v2 serves"));
        String app = owner.app();
        as(owner.token()).when().get("/v2/apps/" + app + "/releases/rollback")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("no earlier release to roll back to"));

        build(owner.token(), app, image.get(), TestImage.httpd("v3 serves")).statusCode(201);
        build(owner.token(), app, image.get(), "exit 1").statusCode(502);

        // v4 failed, so v3 is current and v2 is what a rollback without a version copies; asking
        // makes no release.
        as(owner.token()).when().get("/v2/apps/" + app + "/releases/rollback")
                .then().statusCode(200).body("version", equalTo(2)).body("status", equalTo("succeeded"));
        as(owner.token()).when().get("/v2/apps/" + app + "/releases").then().statusCode(200).body("size()", equalTo(4));
    }

    private Owner deployedApp(String prefix, String web) {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, prefix);
        String user = username(token);
        build(token, app, image.get(), web).statusCode(201);
        return new Owner(token, user, app);
    }

    private record Owner(String token, String user, String app) {
    }

    /** One release as the API lists it. */
    private static Map<String, Object> release(String token, String app, int version) {
        Map<String, Object> release = as(token).when().get("/v2/apps/" + app + "/releases")
                .then().statusCode(200).extract().path("find { it.version == " + version + " }");
        assertNotNull(release, "v" + version + " of " + app);
        return release;
    }
}
