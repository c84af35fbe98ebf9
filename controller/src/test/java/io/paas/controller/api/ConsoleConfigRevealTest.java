package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.unique;
import static io.paas.controller.api.TestUsers.username;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Revealing one config value, in the console and through the API route it uses: the value is shown once, on the
 * page the form answers, and the app's audit trail names who saw which key, never the value.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class ConsoleConfigRevealTest {
    @Test
    void revealShowsOneValueAndAuditsTheKeyWithoutTheValue() throws Exception {
        String token = register();
        String user = username(token);
        String app = createApp(token, "reveal-");
        String secret = "s3cr3t-" + unique("v") + "<b>bold</b>";
        String other = "other-" + unique("v");
        as(token).body(Map.of("values", Map.of("API_KEY", secret, "OTHER", other))).when()
                .patch("/v2/apps/" + app + "/config").then().statusCode(200);
        ConsoleBrowser browser = new ConsoleBrowser();
        String csrf = browser.signIn(user);
        ConsoleBrowser.Page overview = browser.get("/console/apps/" + app);
        assertTrue(overview.body().contains("Reveal API_KEY"), overview.body());
        assertFalse(overview.body().contains("s3cr3t-"), "hidden until revealed");

        ConsoleBrowser.Page forged = browser.post("/console/apps/" + app + "/config/reveal", Map.of("key", "API_KEY"));
        assertEquals(403, forged.status());
        assertFalse(forged.body().contains("s3cr3t-"), forged.body());
        assertTrue(audit(token, app, "config.reveal").isEmpty(), "a refused reveal saw nothing");

        ConsoleBrowser.Page shown = browser.post("/console/apps/" + app + "/config/reveal", Map.of("csrf", csrf, "key", "API_KEY"));
        assertEquals(200, shown.status(), shown.body());
        String escaped = secret.replace("<", "&lt;").replace(">", "&gt;");
        assertTrue(shown.body().contains("<code class=\"revealed-value\">" + escaped + "</code>"), shown.body());
        assertFalse(shown.body().contains(other), "one value, not all of them");
        assertTrue(shown.body().contains("audit trail records that you saw it"), shown.body());
        assertEquals("no-store", shown.header("Cache-Control"));

        List<Map<String, Object>> entries = audit(token, app, "config.reveal");
        assertEquals(1, entries.size(), entries.toString());
        assertEquals(user, entries.get(0).get("actor"));
        assertEquals("API_KEY", entries.get(0).get("details"));
        String whole = as(token).when().get("/v2/apps/" + app + "/audit").then().statusCode(200).extract().asString();
        assertFalse(whole.contains("s3cr3t-") || whole.contains(other), whole);

        // the API route the console uses: the same rule and entry; a key the app lacks is 404 with no entry
        as(token).when().get("/v2/apps/" + app + "/config/OTHER").then().statusCode(200)
                .body("key", equalTo("OTHER")).body("value", equalTo(other));
        as(token).when().get("/v2/apps/" + app + "/config/MISSING").then().statusCode(404)
                .body("detail", containsString("no config var MISSING in " + app));
        assertEquals(2, audit(token, app, "config.reveal").size());
        ConsoleBrowser.Page missing = browser.post("/console/apps/" + app + "/config/reveal", Map.of("csrf", csrf, "key", "MISSING"));
        assertEquals(404, missing.status(), missing.body());
        assertTrue(missing.body().contains("Not revealed: no config var MISSING"), missing.body());
        assertEquals(2, audit(token, app, "config.reveal").size());
    }

    @Test
    void aStrangerRevealsNothing() throws Exception {
        String owner = register();
        String app = createApp(owner, "hidden-");
        as(owner).body(Map.of("values", Map.of("API_KEY", "owners-secret"))).when()
                .patch("/v2/apps/" + app + "/config").then().statusCode(200);
        String stranger = register();
        ConsoleBrowser browser = new ConsoleBrowser();
        String csrf = browser.signIn(username(stranger));
        ConsoleBrowser.Page refused = browser.post("/console/apps/" + app + "/config/reveal", Map.of("csrf", csrf, "key", "API_KEY"));
        assertEquals(404, refused.status());
        assertFalse(refused.body().contains("owners-secret"), refused.body());
        as(stranger).when().get("/v2/apps/" + app + "/config/API_KEY").then().statusCode(404)
                .body("detail", containsString("no app named " + app));
        assertTrue(audit(owner, app, "config.reveal").isEmpty());
    }

    private static List<Map<String, Object>> audit(String token, String app, String action) {
        List<Map<String, Object>> entries = as(token).when().get("/v2/apps/" + app + "/audit").then().statusCode(200)
                .extract().path("");
        return entries.stream().filter(e -> action.equals(e.get("action"))).toList();
    }
}
