package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.builder;
import static io.paas.controller.api.TestUsers.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A name taken again after a destroy is a new app: its id differs, and a build that was running
 * for the destroyed app when it went (the builder registers it by name, with the id the push was
 * authorized for) never becomes a release of the new one.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class RecycledAppNameTest {
    @Test
    void buildOfADestroyedAppDoesNotBecomeAReleaseOfTheAppThatTookItsName() {
        String alice = register();
        String bob = register();
        String name = unique("shop-");
        String aliceApp = as(alice).body(Map.of("name", name)).when().post("/v2/apps")
                .then().statusCode(201).extract().path("id");
        // alice pushes: the builder is told the id of the app it builds for, and builds on
        String pushedFor = builder().body(Map.of("app", name, "username", username(alice), "token", alice))
                .when().post("/v2/auth/check").then().statusCode(200).body("app", equalTo(name))
                .extract().path("appId");
        assertEquals(aliceApp, pushedFor);

        // while it builds, alice destroys the app and bob creates one with the same name
        as(alice).when().delete("/v2/apps/" + name).then().statusCode(204);
        String bobApp = as(bob).body(Map.of("name", name)).when().post("/v2/apps")
                .then().statusCode(201).extract().path("id");
        assertNotEquals(aliceApp, bobApp, "a recycled name is a new app id");
        List<String> ids = builder().when().get("/v2/app-ids").then().statusCode(200).extract().path("");
        assertTrue(ids.contains(bobApp) && !ids.contains(aliceApp), "the builder keeps only stores of these: " + ids);
        as(bob).when().get("/v2/app-ids").then().statusCode(401);
        String bobPush = builder().body(Map.of("app", name, "username", username(bob), "token", bob))
                .when().post("/v2/auth/check").then().statusCode(200).extract().path("appId");
        assertEquals(bobApp, bobPush, "bob's pushes go to bob's app");

        // alice's build ends and registers under the name: refused
        builder().body(build(aliceApp)).when().post("/v2/apps/" + name + "/builds")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("destroyed while this build ran"));
        List<Map<String, Object>> releases = as(bob).when().get("/v2/apps/" + name + "/releases")
                .then().statusCode(200).extract().path("");
        assertEquals(1, releases.size(), "bob's app has only its first release: " + releases);
        assertNull(releases.get(0).get("image"), "no image of alice's build: " + releases);

        // a build that says nothing of the app it was built for is refused too
        Map<String, Object> anonymous = new java.util.HashMap<>(build(bobApp));
        anonymous.remove("appId");
        builder().body(anonymous).when().post("/v2/apps/" + name + "/builds")
                .then().statusCode(400).body("detail", containsString("appId"));
    }

    @Test
    void buildOfADestroyedAppWhoseNameIsFreeIsRefused() {
        String alice = register();
        String name = unique("gone-");
        String id = as(alice).body(Map.of("name", name)).when().post("/v2/apps")
                .then().statusCode(201).extract().path("id");
        as(alice).when().delete("/v2/apps/" + name).then().statusCode(204);
        builder().body(build(id)).when().post("/v2/apps/" + name + "/builds")
                .then().statusCode(404).body("detail", containsString("the build is not released"));
    }

    private static Map<String, Object> build(String appId) {
        return Map.of("appId", appId, "sha", "0123456789abcdef0123456789abcdef01234567", "username", "alice",
                "image", "127.0.0.1:7150/" + appId + "@sha256:" + "0".repeat(64),
                "processTypes", Map.of("web", "httpd -f -p $PORT"));
    }

    private static String username(String token) {
        return as(token).when().get("/v2/auth/whoami").then().statusCode(200).extract().path("username");
    }
}
