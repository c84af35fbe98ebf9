package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static org.hamcrest.Matchers.equalTo;

/** DELETE /v2/apps/{app}/build-cache when the builder cannot be reached, and for someone else's app. */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class BuildCacheApiTest {
    @Test
    void aPurgeTheBuilderCannotDoSaysSoAndOthersAppsAreNotReached() {
        String owner = register();
        String app = createApp(owner, "purge-");
        // the test platform's builder URL answers nothing
        as(owner).when().delete("/v2/apps/" + app + "/build-cache").then().statusCode(503)
                .contentType("application/problem+json").body("detail", equalTo("the builder is not answering: try again"));

        String stranger = register();
        as(stranger).when().delete("/v2/apps/" + app + "/build-cache").then().statusCode(404);
    }
}
