package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.router;
import static io.paas.controller.api.TestUsers.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Per-app router settings through the API, and what routers get for them. */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class RouterSettingsApiTest {

    private static String routeOf(String host) {
        return "routes.find { it.host == '" + host + "' }";
    }

    @Test
    void defaultsAreShownAndNotSentToRouters() {
        String token = register();
        String app = createApp(token, "rs-");
        as(token).when().get("/v2/apps/" + app + "/router").then().statusCode(200)
                .body("maintenance", equalTo(false)).body("tlsEnforce", equalTo(false))
                .body("allowlist", equalTo(List.of())).body("connectTimeoutMs", nullValue())
                .body("balancing", nullValue());
        router().when().get("/v2/routes").then().body(routeOf(app + ".localhost") + ".settings", nullValue());
    }

    @Test
    void patchedSettingsReachEveryHostOfTheApp() {
        String token = register();
        String app = createApp(token, "rp-");
        String domain = unique("m") + ".example.com";
        as(token).body(Map.of("domain", domain)).when().post("/v2/apps/" + app + "/domains").then().statusCode(201);

        as(token).body(Map.of("maintenance", true, "connectTimeoutMs", 5000, "readTimeoutMs", 30000,
                        "idleTimeoutMs", 60000, "maxBodyBytes", 10485760L, "balancing", "least_requests"))
                .when().patch("/v2/apps/" + app + "/router").then().statusCode(200)
                .body("maintenance", equalTo(true)).body("connectTimeoutMs", equalTo(5000))
                .body("maxBodyBytes", equalTo(10485760)).body("balancing", equalTo("least_requests"));
        for (String host : List.of(app + ".localhost", domain)) {
            router().when().get("/v2/routes").then()
                    .body(routeOf(host) + ".settings.maintenance", equalTo(true))
                    .body(routeOf(host) + ".settings.tlsEnforce", nullValue())
                    .body(routeOf(host) + ".settings.connectTimeoutMs", equalTo(5000))
                    .body(routeOf(host) + ".settings.readTimeoutMs", equalTo(30000))
                    .body(routeOf(host) + ".settings.idleTimeoutMs", equalTo(60000))
                    .body(routeOf(host) + ".settings.maxBodyBytes", equalTo(10485760))
                    .body(routeOf(host) + ".settings.balancing", equalTo("least_requests"));
        }

        as(token).body(Map.of("tlsEnforce", true)).when().patch("/v2/apps/" + app + "/router").then().statusCode(200)
                .body("tlsEnforce", equalTo(true)).body("maintenance", equalTo(true));

        // null resets a setting; with all of them back to defaults routers get no settings at all.
        Map<String, Object> reset = new HashMap<>();
        for (String field : List.of("maintenance", "tlsEnforce", "connectTimeoutMs", "readTimeoutMs",
                "idleTimeoutMs", "maxBodyBytes", "balancing")) {
            reset.put(field, null);
        }
        as(token).body(reset).when().patch("/v2/apps/" + app + "/router").then().statusCode(200)
                .body("maintenance", equalTo(false)).body("connectTimeoutMs", nullValue());
        router().when().get("/v2/routes").then().body(routeOf(domain) + ".settings", nullValue());
    }

    @Test
    void allowlistTakesIpv4AndIpv6Cidrs() {
        String token = register();
        String app = createApp(token, "ra-");
        String path = "/v2/apps/" + app + "/router/allowlist";
        as(token).body(Map.of("cidr", "1.2.3.4/24")).when().post(path).then().statusCode(200)
                .body("allowlist", equalTo(List.of("1.2.3.0/24")));
        as(token).body(Map.of("cidr", "10.0.0.7")).when().post(path).then().statusCode(200)
                .body("allowlist", equalTo(List.of("1.2.3.0/24", "10.0.0.7/32")));
        as(token).body(Map.of("cidr", "2001:DB8:0:0::1/32")).when().post(path).then().statusCode(200)
                .body("allowlist", equalTo(List.of("1.2.3.0/24", "10.0.0.7/32", "2001:db8::/32")));
        as(token).body(Map.of("cidr", "1.2.3.0/24")).when().post(path).then().statusCode(200)
                .body("allowlist.size()", equalTo(3));
        router().when().get("/v2/routes").then().body(routeOf(app + ".localhost") + ".settings.allowlist",
                equalTo(List.of("1.2.3.0/24", "10.0.0.7/32", "2001:db8::/32")));

        Map<String, String> bad = Map.of("1.2.3.0/33", "the prefix length must be 0-32",
                "2001:db8::/129", "the prefix length must be 0-128",
                "300.1.1.1", "not an IPv4 or IPv6 address",
                "example.com/24", "not an IPv4 or IPv6 address",
                "1.2.3.0/x", "the prefix length");
        bad.forEach((cidr, why) -> as(token).body(Map.of("cidr", cidr)).when().post(path)
                .then().statusCode(400).body("detail", containsString(why)));

        as(token).queryParam("cidr", "10.0.0.7").when().delete(path).then().statusCode(200)
                .body("allowlist", equalTo(List.of("1.2.3.0/24", "2001:db8::/32")));
        as(token).queryParam("cidr", "10.0.0.7").when().delete(path).then().statusCode(404)
                .body("detail", containsString("10.0.0.7/32 is not on " + app + "'s allowlist"));
    }

    @Test
    void badSettingsAreRefusedAndChangeNothing() {
        String token = register();
        String app = createApp(token, "rb-");
        Map<Map<String, Object>, String> cases = Map.of(
                Map.of("colour", "blue"), "unknown router setting 'colour'",
                Map.of("balancing", "random"), "balancing must be one of round_robin, least_requests",
                Map.of("connectTimeoutMs", 0), "connectTimeoutMs must be a whole number from 1",
                Map.of("readTimeoutMs", "30s"), "readTimeoutMs must be a whole number",
                Map.of("maintenance", "yes"), "maintenance must be true or false",
                Map.of("allowlist", List.of("nope")), "invalid CIDR 'nope'",
                Map.of(), "nothing to change");
        cases.forEach((body, why) -> as(token).body(body).when().patch("/v2/apps/" + app + "/router")
                .then().statusCode(400).body("detail", containsString(why)));
        as(token).when().get("/v2/apps/" + app + "/router").then().body("balancing", nullValue());

        String stranger = register();
        as(stranger).body(Map.of("maintenance", true)).when().patch("/v2/apps/" + app + "/router").then().statusCode(404);
    }
}
