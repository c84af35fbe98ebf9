package io.paas.controller.api;

import io.paas.controller.scheduler.docker.TestImage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.page;
import static io.paas.controller.api.TestUsers.register;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Config values are sealed in the database (a dump shows names, not values) and release views show
 * names only, unless a caller who may read the app's config asks for the values.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class ConfigSecretsApiTest {
    private static final String SECRET = "postgres://app:hunter2-" + System.nanoTime() + "@db/app";

    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;

    @Test
    void theDatabaseHoldsConfigNamesButNotValues() throws Exception {
        String token = register();
        String app = createApp(token, "sealed-");
        as(token).body(Map.of("values", Map.of("DATABASE_URL", SECRET, "EMPTY", "")))
                .when().patch("/v2/apps/" + app + "/config").then().statusCode(200);

        List<String> stored = storedConfig(app);
        assertEquals(2, stored.size(), stored.toString()); // the initial release and the one set
        String latest = stored.get(0);
        assertTrue(latest.contains("\"DATABASE_URL\":\"v1:") && latest.contains("\"EMPTY\":\"v1:"), latest);
        assertFalse(String.join("\n", stored).contains("hunter2"), "a config value in the releases table: " + stored);

        // still served in clear to whoever may read it, and to the builder
        as(token).when().get("/v2/apps/" + app + "/config").then().statusCode(200)
                .body("values", equalTo(Map.of("DATABASE_URL", SECRET, "EMPTY", "")));
        TestUsers.builder().when().get("/v2/apps/" + app + "/config").then().statusCode(200)
                .body("values.DATABASE_URL", equalTo(SECRET));
    }

    @Test
    void releaseViewsShowNamesAndValuesOnlyWhenAsked() {
        String token = register();
        String app = createApp(token, "views-");
        String changed = as(token).body(Map.of("values", Map.of("DATABASE_URL", SECRET, "GREETING", "hi")))
                .when().patch("/v2/apps/" + app + "/config").then().statusCode(200)
                .body("configVars", contains("DATABASE_URL", "GREETING")).body("config", nullValue())
                .extract().asString();
        assertFalse(changed.contains("hunter2"), changed);

        List<String> views = new ArrayList<>(List.of("/releases", "/releases/2", "/releases/v2"));
        if (image.isPresent()) {
            views.add(""); // apps:info lists the processes: it needs the engine
        }
        for (String path : views) {
            String body = as(token).when().get("/v2/apps/" + app + path).then().statusCode(200)
                    .extract().asString();
            assertFalse(body.contains("hunter2"), path + ": " + body);
            assertTrue(body.contains("DATABASE_URL"), path + ": " + body);
        }
        as(token).when().get("/v2/apps/" + app + "/releases").then()
                .body("[0].configVars", contains("DATABASE_URL", "GREETING")).body("[0].config", nullValue())
                .body("[1].configVars", equalTo(List.of()));

        as(token).queryParam("values", true).when().get("/v2/apps/" + app + "/releases").then().statusCode(200)
                .body("[0].config", equalTo(Map.of("DATABASE_URL", SECRET, "GREETING", "hi")))
                .body("[1].config", equalTo(Map.of()));
        as(token).queryParam("values", true).when().get("/v2/apps/" + app + "/releases/v2").then().statusCode(200)
                .body("version", equalTo(2)).body("config.DATABASE_URL", equalTo(SECRET));
        as(token).when().get("/v2/apps/" + app + "/releases/7").then().statusCode(404)
                .body("detail", equalTo("no release v7 in " + app + ": see paas releases"));
        as(token).when().get("/v2/apps/" + app + "/releases/latest").then().statusCode(404);
    }

    @Test
    void valuesAreRefusedToThoseWhoMayNotReadTheConfig() {
        String owner = register();
        String app = createApp(owner, "theirs-");
        as(owner).body(Map.of("values", Map.of("DATABASE_URL", SECRET))).when().patch("/v2/apps/" + app + "/config")
                .then().statusCode(200);
        String stranger = register();
        List<String> answers = new ArrayList<>();
        for (String path : List.of("/releases?values=true", "/releases/2?values=true", "/releases/2", "/config")) {
            String body = as(stranger).when().get("/v2/apps/" + app + path).then()
                    .statusCode(not(equalTo(200))).extract().asString();
            answers.add(body);
        }
        assertFalse(String.join("\n", answers).contains("hunter2"), answers.toString());
    }

    @Test
    void theSizeLimitCountsValuesInClearNotSealed() {
        String token = register();
        String app = createApp(token, "size-");
        // 30 KB of clear text fits under 32 KB, though its sealed form (base64) is 40 KB
        as(token).body(Map.of("values", Map.of("BIG", "x".repeat(30 * 1024)))).when()
                .patch("/v2/apps/" + app + "/config").then().statusCode(200);
        as(token).body(Map.of("values", Map.of("BIGGER", "x".repeat(3 * 1024)))).when()
                .patch("/v2/apps/" + app + "/config").then().statusCode(400).body("detail", containsString("32 KB"));
        // an unset counts what is left
        java.util.HashMap<String, String> unset = new java.util.HashMap<>();
        unset.put("BIG", null);
        unset.put("SMALL", "y");
        as(token).body(Map.of("values", unset)).when().patch("/v2/apps/" + app + "/config").then().statusCode(200);
        as(token).when().get("/v2/apps/" + app + "/config").then().body("values", equalTo(Map.of("SMALL", "y")));
    }

    @Test
    void containersGetTheValuesInClear() throws Exception {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, "env-");
        as(token).body(Map.of("values", Map.of("GREETING", "sealed but served"))).when()
                .patch("/v2/apps/" + app + "/config").then().statusCode(200);
        TestUsers.build(token, app, image.get(), TestImage.httpd("greeting: $GREETING")).statusCode(201);
        assertEquals("greeting: sealed but served", page(token, app));
    }

    /** V15 is Java (SQL cannot encrypt): the controller's Flyway found it and ran it at start. */
    @Test
    void theControllerRanTheSealingMigration() throws Exception {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement(
                     "SELECT type, success FROM flyway_schema_history WHERE version = '15'");
             ResultSet row = select.executeQuery()) {
            assertTrue(row.next(), "migration V15 did not run");
            assertEquals("JDBC", row.getString(1));
            assertTrue(row.getBoolean(2));
        }
    }

    /** The releases' config column as a database dump shows it, newest first. */
    private List<String> storedConfig(String app) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT r.config FROM releases r JOIN apps a "
                     + "ON a.id = r.app_id WHERE a.name = ? ORDER BY r.version DESC")) {
            select.setString(1, app);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(row.getString(1));
                }
            }
        }
        return rows;
    }
}
