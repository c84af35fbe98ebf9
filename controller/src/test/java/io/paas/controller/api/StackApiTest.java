package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.builder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * An app's stack (`paas stack`, `paas stack:set`): the platform's default until set, read by the builder,
 * and refused when the stack's images are not on the platform, with the operator's command to add them.
 * (No registry with stack images runs for these tests: only the default stack is there.)
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class StackApiTest {

    private static String path(String app) {
        return "/v2/apps/" + app + "/stack";
    }

    @Test
    void theDefaultUntilSetAndReadByTheBuilder() {
        String token = register();
        String app = createApp(token, "stack-");
        as(token).when().get(path(app)).then().statusCode(200)
                .body("stack", equalTo("bookworm")).body("defaultStack", equalTo("bookworm"))
                .body("available", hasItem("bookworm"));
        as(token).body(Map.of("stack", " bookworm ")).when().put(path(app)).then().statusCode(200)
                .body("stack", equalTo("bookworm"));
        builder().when().get(path(app)).then().statusCode(200).body("stack", equalTo("bookworm"));
        // no release: the next push uses it
        as(token).when().get("/v2/apps/" + app + "/releases").then().body("size()", equalTo(1));
    }

    @Test
    void aStackWithoutImagesOnThePlatformIsRefusedWithTheCommandThatAddsThem() {
        String token = register();
        String app = createApp(token, "stack-");
        as(token).body(Map.of("stack", "forky")).when().put(path(app)).then().statusCode(422)
                .body("detail", containsString("the forky stack is not on this platform (stacks here: "))
                .body("detail", containsString("bookworm"))
                .body("detail", containsString("an operator adds it with `infra/platform.sh stack forky`, which builds"
                        + " its images paas/stack-build:forky and paas/stack-run:forky"));
        as(token).body(Map.of("stack", "Heroku 24")).when().put(path(app)).then().statusCode(400)
                .body("detail", equalTo("\"Heroku 24\" is not a stack name (a Debian suite's, like bookworm or trixie)"));
        as(token).body(Map.of()).when().put(path(app)).then().statusCode(400)
                .body("detail", equalTo("name a stack, e.g. paas stack:set trixie"));
        as(token).when().get(path(app)).then().body("stack", equalTo("bookworm"));
    }

    @Test
    void onlyItsUsersSeeOrChangeIt() {
        String owner = register();
        String app = createApp(owner, "stack-");
        String other = register();
        as(other).when().get(path(app)).then().statusCode(404);
        as(other).body(Map.of("stack", "bookworm")).when().put(path(app)).then().statusCode(404);
        builder().body(Map.of("stack", "bookworm")).when().put(path(app)).then().statusCode(401);
    }
}
