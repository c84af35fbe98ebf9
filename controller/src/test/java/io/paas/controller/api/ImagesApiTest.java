package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.paas.controller.api.TestUsers.appId;
import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.builder;
import static io.paas.controller.api.TestUsers.username;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/**
 * Which images a user's builds and deploys may name: in the platform registry (127.0.0.1:7150 here)
 * only their own apps' and the platform's stack images; elsewhere no registry at the platform's own
 * addresses. And registry logins: passwords go in and never come out.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class ImagesApiTest {
    private static final String OTHER_APP = "under an app you cannot deploy";
    private static final String PLATFORM_ADDRESS = "an address of the platform itself";

    @Test
    void usersReachOnlyTheirOwnAppsImagesAndNoRegistryAtThePlatformsAddresses() {
        String alice = register();
        String aliceApp = createApp(alice, "img-a-");
        String aliceId = appId(alice, aliceApp);
        String bob = register();
        String bobApp = createApp(bob, "img-b-");

        check(alice, "127.0.0.1:7150/" + aliceId + ":v1").statusCode(200)
                .body("image", equalTo("127.0.0.1:7150/" + aliceId + ":v1"));
        check(bob, "127.0.0.1:7150/" + aliceId + ":v1").statusCode(403).body("detail", containsString(OTHER_APP));
        check(bob, "localhost:7150/" + aliceId + "@sha256:" + "a".repeat(64)).statusCode(403)
                .body("detail", containsString(OTHER_APP));
        check(bob, "127.0.0.1:7150/" + appId(bob, bobApp).replace('-', '0') + ":v1").statusCode(403)
                .body("detail", containsString(OTHER_APP));
        check(bob, "127.0.0.1:7150/paas/stack-run:bookworm").statusCode(200);
        check(bob, "paas/stack-run:bookworm").statusCode(200).body("image", equalTo("docker.io/paas/stack-run:bookworm"));
        check(bob, "busybox").statusCode(200).body("image", equalTo("docker.io/library/busybox:latest"));
        for (String internal : new String[] {"127.0.0.1:5000/team/web:1", "localhost/web", "169.254.169.254/latest:1",
                "[::1]:5000/web", "0.0.0.0:80/web"}) {
            check(bob, internal).statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString(PLATFORM_ADDRESS));
        }
        check(bob, "Not An/Image!").statusCode(400).body("detail", containsString("is not an image reference"));

        // deploy:image of alice's image into bob's app: refused before anything is pulled
        as(bob).body(Map.of("image", "127.0.0.1:7150/" + aliceId + ":v1")).when().post("/v2/apps/" + bobApp + "/images")
                .then().statusCode(403).body("detail", containsString(OTHER_APP));
        as(bob).body(Map.of("image", "127.0.0.1:9/web:1")).when().post("/v2/apps/" + bobApp + "/images")
                .then().statusCode(403).body("detail", containsString(PLATFORM_ADDRESS));
        as(bob).body(Map.of("image", "127.0.0.1:7150/" + aliceId + ":v1")).when().post("/v2/apps/" + aliceApp + "/images")
                .then().statusCode(404).body("detail", containsString("no app named " + aliceApp));
    }

    @Test
    void registryLoginsKeepTheirPasswordsAndBelongToTheApp() {
        String alice = register();
        String app = createApp(alice, "login-");
        String secret = "pa55-" + System.nanoTime();
        as(alice).body(Map.of("username", "deployer", "password", secret))
                .when().put("/v2/apps/" + app + "/registry-logins/Registry.Example.com:5000")
                .then().statusCode(200).body("host", equalTo("registry.example.com:5000"))
                .body("username", equalTo("deployer")).body(not(containsString(secret)));
        as(alice).when().get("/v2/apps/" + app + "/registry-logins").then().statusCode(200)
                .body("", hasSize(1)).body("[0].host", equalTo("registry.example.com:5000"))
                .body(not(containsString(secret))).body(not(containsString("password")));
        String bob = register();
        as(bob).when().get("/v2/apps/" + app + "/registry-logins").then().statusCode(404);
        as(alice).body(Map.of("username", "deployer", "password", "x"))
                .when().put("/v2/apps/" + app + "/registry-logins/not a host").then().statusCode(400);
        as(alice).body(Map.of("username", "deployer"))
                .when().put("/v2/apps/" + app + "/registry-logins/ghcr.io").then().statusCode(400);
        as(alice).when().delete("/v2/apps/" + app + "/registry-logins/registry.example.com:5000").then().statusCode(204);
        as(alice).when().delete("/v2/apps/" + app + "/registry-logins/registry.example.com:5000").then().statusCode(404);
    }

    @Test
    void dockerOptionsAreTheAppsAndReadByTheBuilder() {
        String alice = register();
        String app = createApp(alice, "dopt-");
        as(alice).body(Map.of("buildArgs", Map.of("NODE_ENV", "production"), "dockerfilePath", "./docker/../docker/Dockerfile.web"))
                .when().put("/v2/apps/" + app + "/docker-options").then().statusCode(200)
                .body("dockerfilePath", equalTo("docker/Dockerfile.web"));
        builder().when().get("/v2/apps/" + app + "/docker-options").then().statusCode(200)
                .body("buildArgs.NODE_ENV", equalTo("production")).body("dockerfilePath", equalTo("docker/Dockerfile.web"));
        for (String outside : new String[] {"../Dockerfile", "/etc/passwd"}) {
            as(alice).body(Map.of("buildArgs", Map.of(), "dockerfilePath", outside))
                    .when().put("/v2/apps/" + app + "/docker-options").then().statusCode(400)
                    .body("detail", containsString("inside the repository"));
        }
        as(alice).body(Map.of("buildArgs", Map.of("BAD NAME", "x"))).when().put("/v2/apps/" + app + "/docker-options")
                .then().statusCode(400);
        as(register()).when().get("/v2/apps/" + app + "/docker-options").then().statusCode(404);
    }

    private static ValidatableResponse check(String token, String image) {
        return builder().body(Map.of("appId", "any", "username", username(token), "image", image))
                .when().post("/v2/images/check").then();
    }
}
