package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.router;
import static io.paas.controller.api.TestUsers.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Custom domains through the API, and what routers get for them. */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class DomainsApiTest {

    private static String hostsOf(String app) {
        return "routes.findAll { it.app == '" + app + "' }.host";
    }

    @Test
    void addListRouteAndRemove() {
        String token = register();
        String app = createApp(token, "dom-");
        String domain = unique("www") + ".example.com";

        as(token).body(Map.of("domain", " " + domain.toUpperCase() + ". ")).when().post("/v2/apps/" + app + "/domains")
                .then().statusCode(201).body("domain", equalTo(domain)).body("certificate", nullValue());
        as(token).when().get("/v2/apps/" + app + "/domains")
                .then().statusCode(200).body("domain", equalTo(List.of(domain)));
        router().when().get("/v2/routes").then().statusCode(200)
                .body(hostsOf(app), equalTo(List.of(app + ".localhost", domain)));

        as(token).when().delete("/v2/apps/" + app + "/domains/" + domain).then().statusCode(204);
        router().when().get("/v2/routes").then().body(hostsOf(app), equalTo(List.of(app + ".localhost")));
        as(token).when().delete("/v2/apps/" + app + "/domains/" + domain)
                .then().statusCode(404).body("detail", containsString("no domain " + domain + " on " + app));
    }

    @Test
    void wildcardAsFirstLabel() {
        String token = register();
        String app = createApp(token, "wild-");
        String domain = "*." + unique("w") + ".example.org";
        as(token).body(Map.of("domain", domain)).when().post("/v2/apps/" + app + "/domains")
                .then().statusCode(201).body("domain", equalTo(domain));
        router().when().get("/v2/routes").then().body(hostsOf(app), hasItem(domain));
        as(token).when().delete("/v2/apps/" + app + "/domains/" + domain).then().statusCode(204);
    }

    @Test
    void invalidDomainsSayWhy() {
        String token = register();
        String app = createApp(token, "bad-");
        Map<String, String> cases = Map.of(
                "intranet", "use a fully qualified name",
                "-a.example.com", "each label needs",
                "a..example.com", "each label needs",
                "www.*.example.com", "wildcard is allowed only as the whole first label",
                "10.0.0.1", "an IP address is not a domain",
                "under_score.example.com", "each label needs",
                "shop.localhost", "is under the platform domain localhost",
                "*.localhost", "is under the platform domain localhost",
                "localhost", "is under the platform domain localhost");
        cases.forEach((domain, why) -> as(token).body(Map.of("domain", domain)).when().post("/v2/apps/" + app + "/domains")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString(why)));
        as(token).body(Map.of()).when().post("/v2/apps/" + app + "/domains")
                .then().statusCode(400).body("detail", containsString("domain is required"));
        as(token).when().get("/v2/apps/" + app + "/domains").then().body("size()", equalTo(0));
    }

    @Test
    void aDomainBelongsToOneAppAndTheOtherAppIsNotNamed() {
        String owner = register();
        String app = createApp(owner, "one-");
        String domain = unique("shop") + ".example.com";
        as(owner).body(Map.of("domain", domain)).when().post("/v2/apps/" + app + "/domains").then().statusCode(201);
        as(owner).body(Map.of("domain", domain)).when().post("/v2/apps/" + app + "/domains")
                .then().statusCode(409).body("detail", equalTo("domain " + domain + " is already added to " + app));

        String stranger = register();
        String other = createApp(stranger, "two-");
        as(stranger).body(Map.of("domain", domain)).when().post("/v2/apps/" + other + "/domains")
                .then().statusCode(409).body("detail", equalTo("domain " + domain + " is already in use"))
                .body("detail", not(containsString(app)));
        as(stranger).when().get("/v2/apps/" + app + "/domains").then().statusCode(404);
        as(stranger).when().delete("/v2/apps/" + app + "/domains/" + domain).then().statusCode(404);
    }
}
