package io.paas.controller.api;

import io.paas.controller.audit.AuditSweep;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.paas.controller.api.TestUsers.admin;
import static io.paas.controller.api.TestUsers.appId;
import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.builder;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.unique;
import static io.paas.controller.api.TestUsers.username;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The audit trail through the API: each action a user takes leaves an entry naming who, what and from
 * where; config values appear in no entry (checked on the raw rows too); an app's trail is for those who
 * may see the app, the platform's for admins.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class AuditApiTest {
    private static final TestCerts CERTS = new TestCerts();
    private static final String CALLER = "127.0.0.1";

    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;
    @Inject
    DataSource dataSource;
    @Inject
    AuditSweep sweep;

    @Test
    void everyActionIsRecordedWithWhoAndWhereAndNoConfigValue() throws Exception {
        assumeTrue(image.isPresent(), "podman is not installed: no image for the push");
        String admin = admin();
        String owner = register();
        String ownerName = username(owner);
        String friend = register();
        String friendName = username(friend);
        String app = createApp(owner, "audit-");
        String secret = "s3cr3t-" + unique("v") + "-value";

        as(owner).body(Map.of("values", Map.of("API_KEY", secret, "OTHER", secret + "2"))).when()
                .patch("/v2/apps/" + app + "/config").then().statusCode(200);
        Map<String, Object> unset = new java.util.HashMap<>();
        unset.put("OTHER", null);
        as(owner).body(Map.of("values", unset)).when().patch("/v2/apps/" + app + "/config").then().statusCode(200);
        // The push: the builder records the build in the pushing user's name. No process runs (web=0).
        builder().body(Map.of("appId", appId(owner, app), "sha", "0123456789abcdef", "username", ownerName,
                        "image", image.get(), "processTypes", Map.of("web", "sleep 600"), "formation", Map.of("web", 0)))
                .when().post("/v2/apps/" + app + "/builds").then().statusCode(201);
        builder().body(Map.of("appId", appId(owner, app), "sha", "fedcba9876543210", "username", ownerName,
                        "reason", "compile failed"))
                .when().post("/v2/apps/" + app + "/builds/failed").then().statusCode(201);
        as(owner).body(Map.of("web", 0)).when().patch("/v2/apps/" + app + "/formation").then().statusCode(200);
        as(owner).body(Map.of()).when().post("/v2/apps/" + app + "/ps/restart").then().statusCode(200);
        as(owner).body(Map.of("web", Map.of("memory", 256 * 1024 * 1024))).when().patch("/v2/apps/" + app + "/limits")
                .then().statusCode(200);
        as(owner).body(Map.of("version", 4)).when().post("/v2/apps/" + app + "/releases/rollback").then().statusCode(200);

        String domain = unique("www") + ".example.com";
        as(owner).body(Map.of("domain", domain)).when().post("/v2/apps/" + app + "/domains").then().statusCode(201);
        TestCerts.Pair pair = CERTS.selfSigned("ec", 30, domain);
        as(owner).body(Map.of("name", "site", "certPem", pair.certPem(), "keyPem", pair.keyPem()))
                .when().post("/v2/apps/" + app + "/certs").then().statusCode(201);
        as(owner).when().delete("/v2/apps/" + app + "/certs/site").then().statusCode(204);
        as(owner).when().delete("/v2/apps/" + app + "/domains/" + domain).then().statusCode(204);
        as(owner).body(Map.of("maintenance", true)).when().patch("/v2/apps/" + app + "/router").then().statusCode(200);

        as(owner).body(Map.of("username", friendName)).when().post("/v2/apps/" + app + "/collaborators").then().statusCode(201);
        as(owner).when().delete("/v2/apps/" + app + "/collaborators/" + friendName).then().statusCode(204);

        List<Map<String, Object>> entries = as(owner).when().get("/v2/apps/" + app + "/audit").then().statusCode(200)
                .extract().path("");
        String shown = entries.toString();
        expect(entries, ownerName, "app.create", null);
        expect(entries, ownerName, "config.set", "API_KEY, OTHER");
        expect(entries, ownerName, "config.unset", "OTHER");
        expect(entries, ownerName, "push", "of 0123456 succeeded: v4");
        expect(entries, ownerName, "push", "of fedcba9 failed");
        expect(entries, ownerName, "scale", "web=0");
        expect(entries, ownerName, "restart", "all");
        expect(entries, ownerName, "limits.set", "web");
        expect(entries, ownerName, "rollback", "to v4");
        expect(entries, ownerName, "domain.add", domain);
        expect(entries, ownerName, "domain.remove", domain);
        expect(entries, ownerName, "cert.add", "site");
        expect(entries, ownerName, "cert.remove", "site");
        expect(entries, ownerName, "router.set", "maintenance=true");
        expect(entries, ownerName, "perms.add", friendName);
        expect(entries, ownerName, "perms.remove", friendName);
        assertEquals("perms.remove", entries.get(0).get("action"), "newest first: " + shown);
        assertEquals(Integer.valueOf(2), as(owner).when().get("/v2/apps/" + app + "/audit?limit=2").then().statusCode(200)
                .extract().<Integer>path("size()"), "limit");
        as(owner).when().get("/v2/apps/" + app + "/audit?limit=1001").then().statusCode(400)
                .body("detail", containsString("1 to 1000"));
        // The push came through the builder's connection; every entry names the actor, not the builder.
        assertTrue(entries.stream().allMatch(e -> e.get("actor").equals(ownerName) && e.get("time") != null), shown);

        // Who may not see the app does not learn it exists; only admins read the platform's trail.
        String stranger = register();
        as(stranger).when().get("/v2/apps/" + app + "/audit").then().statusCode(404)
                .body("detail", containsString("no app named " + app));
        as(owner).when().get("/v2/audit").then().statusCode(403);

        // Tokens, teams and registration are the platform's; transfer and destroy the app's, kept after it.
        Map<String, Object> made = as(owner).body(Map.of("description", "ci")).when().post("/v2/auth/tokens").then()
                .statusCode(201).extract().path("");
        int tokenId = (Integer) made.get("id");
        String tokenValue = (String) made.get("token");
        as(owner).when().delete("/v2/auth/tokens/" + tokenId).then().statusCode(204);
        String team = unique("audteam");
        as(owner).body(Map.of("name", team)).when().post("/v2/teams").then().statusCode(201);
        as(owner).body(Map.of("role", "member")).when().put("/v2/teams/" + team + "/members/" + friendName)
                .then().statusCode(200);
        as(owner).when().delete("/v2/teams/" + team + "/members/" + friendName).then().statusCode(204);
        as(owner).when().delete("/v2/teams/" + team).then().statusCode(204);
        as(admin).body(Map.of("mode", "open")).when().put("/v2/admin/registration").then().statusCode(200);
        String guessed = unique("nobody");
        given().contentType(ContentType.JSON).body(Map.of("username", guessed, "password", "wrong-" + secret))
                .when().post("/v2/auth/login").then().statusCode(401);
        as(owner).body(Map.of("recipient", friendName)).when().post("/v2/apps/" + app + "/transfer").then().statusCode(200);
        as(friend).when().delete("/v2/apps/" + app).then().statusCode(204);

        List<Map<String, Object>> platform = as(admin).when().get("/v2/audit?limit=1000").then().statusCode(200)
                .extract().path("");
        expect(platform, ownerName, "token.create", "token " + tokenId + " (ci)");
        expect(platform, ownerName, "token.revoke", "token " + tokenId);
        expect(platform, ownerName, "team.create", team);
        expect(platform, ownerName, "team.member.add", team + ": " + friendName + " as member");
        expect(platform, ownerName, "team.member.remove", team + ": " + friendName);
        expect(platform, ownerName, "team.delete", team);
        expect(platform, username(admin), "registration.set", "open");
        expect(platform, guessed, "login.failed", "wrong username or password");
        List<Map<String, Object>> ofApp = as(admin).when().get("/v2/audit?app=" + app).then().statusCode(200)
                .extract().path("");
        expect(ofApp, ownerName, "app.transfer", "to " + friendName);
        expect(ofApp, friendName, "app.destroy", null);
        expect(ofApp, ownerName, "app.create", null);
        assertTrue(ofApp.stream().allMatch(e -> app.equals(e.get("app"))), ofApp.toString());
        assertFalse(platform.toString().contains(tokenValue), "no token in the trail");

        // No entry holds a config value, a certificate's key or a tried password: the raw rows, not only the views.
        String keyBody = pair.keyPem().lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select t::text from audit_entries t")) {
            List<String> all = new ArrayList<>();
            while (rows.next()) {
                all.add(rows.getString(1));
            }
            assertTrue(all.size() >= 30, all.size() + " rows");
            for (String row : all) {
                assertFalse(row.contains(secret) || row.contains(keyBody), "a secret in the audit trail: " + row);
            }
        }
    }

    @Test
    void aCallThroughTheRouterIsRecordedFromTheClientsAddress() {
        // As the router forwards PAAS_API_HOST: the client's own X-Forwarded-For first, the address it saw last.
        String guessed = unique("remote");
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100.9, 203.0.113.7")
                .body(Map.of("username", guessed, "password", "wrong"))
                .when().post("/v2/auth/login").then().statusCode(401);
        String admin = admin();
        List<Map<String, Object>> platform = as(admin).when().get("/v2/audit?limit=1000").then().statusCode(200)
                .extract().path("");
        assertTrue(platform.stream().anyMatch(e -> guessed.equals(e.get("actor")) && "login.failed".equals(e.get("action"))
                && "203.0.113.7".equals(e.get("address"))), platform.toString());
    }

    @Test
    void theSweepRemovesEntriesPastTheRetentionAndKeepsTheRest() throws Exception {
        String old = unique("old-");
        String kept = unique("kept-");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into audit_entries (actor, action, details, created_at) values "
                    + "('" + old + "', 'scale', 'web=1', now() - interval '366 days'), "
                    + "('" + kept + "', 'scale', 'web=1', now() - interval '364 days')");
        }
        assertTrue(sweep.sweep() >= 1);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select actor from audit_entries where actor in ('" + old + "', '" + kept + "')")) {
            List<String> left = new ArrayList<>();
            while (rows.next()) {
                left.add(rows.getString(1));
            }
            assertEquals(List.of(kept), left);
        }
    }

    /** An entry of that actor and action (details containing the text, when given), from the test's address. */
    private static void expect(List<Map<String, Object>> entries, String actor, String action, String details) {
        boolean found = entries.stream().anyMatch(e -> actor.equals(e.get("actor")) && action.equals(e.get("action"))
                && CALLER.equals(e.get("address"))
                && (details == null || (e.get("details") != null && e.get("details").toString().contains(details))));
        assertTrue(found, "no " + action + " by " + actor + (details == null ? "" : " with " + details) + " from " + CALLER
                + " in:\n" + String.join("\n", entries.stream().map(Object::toString).toList()));
    }
}
