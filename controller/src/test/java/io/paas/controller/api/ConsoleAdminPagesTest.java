package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.paas.controller.api.TestUsers.admin;
import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.username;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An admin resets a user's password, in the console's Users page and through the API route it uses: the user
 * signs in with the new password only, and every token they held (a console session too) stops working, as
 * after paas passwd. Nobody else may, whichever way in.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class ConsoleAdminPagesTest {
    private static final String NEW_PASSWORD = "n3w-pass-word";

    @Test
    void aNonAdminCannotResetAPasswordThroughTheApiOrTheConsole() throws Exception {
        String victim = username(register());
        String user = register();
        as(user).body(Map.of("newPassword", NEW_PASSWORD)).when().put("/v2/users/" + victim + "/password")
                .then().statusCode(403).body("detail", containsString("only a platform admin"));
        ConsoleBrowser browser = new ConsoleBrowser();
        String csrf = browser.signIn(username(user));
        assertFalse(browser.get("/console/apps").body().contains("href=\"/console/users\""), "no Users link for them");
        ConsoleBrowser.Page list = browser.get("/console/users");
        assertEquals(403, list.status());
        assertTrue(list.body().contains("Only a platform admin may do this"), list.body());
        assertFalse(list.body().contains(victim), list.body());
        ConsoleBrowser.Page reset = browser.post("/console/users/" + victim + "/password",
                Map.of("csrf", csrf, "password", NEW_PASSWORD, "confirm", NEW_PASSWORD));
        assertEquals(403, reset.status(), reset.body());
        login(victim, "s3cret-pass", 200);
    }

    @Test
    void anAdminResetsAPasswordAndTheUsersTokensStopWorking() throws Exception {
        String admin = admin();
        String victimToken = register();
        String victim = username(victimToken);
        ConsoleBrowser victimsBrowser = new ConsoleBrowser();
        victimsBrowser.signIn(victim);

        ConsoleBrowser browser = new ConsoleBrowser();
        String csrf = browser.signIn(username(admin));
        assertTrue(browser.get("/console/apps").body().contains("href=\"/console/users\""), "admins see a Users link");
        ConsoleBrowser.Page list = browser.get("/console/users");
        assertEquals(200, list.status(), list.body());
        assertTrue(list.body().contains("<label for=\"password-"), list.body());
        assertTrue(list.body().contains("New password for " + victim) && list.body().contains("Reset the password of " + victim),
                list.body());

        ConsoleBrowser.Page differ = browser.post("/console/users/" + victim + "/password",
                Map.of("csrf", csrf, "password", NEW_PASSWORD, "confirm", NEW_PASSWORD + "x"));
        assertEquals(400, differ.status());
        assertTrue(differ.body().contains("Password of " + victim + " not reset: the two passwords differ"), differ.body());
        ConsoleBrowser.Page weak = browser.post("/console/users/" + victim + "/password",
                Map.of("csrf", csrf, "password", "short", "confirm", "short"));
        assertEquals(400, weak.status());
        assertTrue(weak.body().contains("at least 8 characters"), weak.body());
        ConsoleBrowser.Page forged = browser.post("/console/users/" + victim + "/password",
                Map.of("password", NEW_PASSWORD, "confirm", NEW_PASSWORD));
        assertEquals(403, forged.status());
        as(victimToken).when().get("/v2/auth/whoami").then().statusCode(200);

        ConsoleBrowser.Page reset = browser.post("/console/users/" + victim + "/password",
                Map.of("csrf", csrf, "password", NEW_PASSWORD, "confirm", NEW_PASSWORD));
        assertEquals(303, reset.status(), reset.body());
        assertTrue(browser.get("/console/users?reset=1").body().contains("Password reset"));
        as(victimToken).when().get("/v2/auth/whoami").then().statusCode(401);
        assertEquals(303, victimsBrowser.get("/console/apps").status(), "their console session ended too");
        login(victim, "s3cret-pass", 401);
        login(victim, NEW_PASSWORD, 200);
        ConsoleBrowser again = new ConsoleBrowser();
        ConsoleBrowser.Page form = again.get("/console/sign-in");
        assertEquals(303, again.post("/console/sign-in", Map.of("csrf", form.csrf(), "username", victim,
                "password", NEW_PASSWORD)).status());

        List<Map<String, Object>> entries = as(admin).when().get("/v2/audit").then().statusCode(200).extract().path("");
        assertTrue(entries.stream().anyMatch(e -> "user.password.reset".equals(e.get("action")) && victim.equals(e.get("details"))
                && username(admin).equals(e.get("actor"))), entries.toString());
        assertFalse(entries.toString().contains(NEW_PASSWORD));

        // the API route the console uses; an admin's own password is passwd's, which asks for the current one
        as(admin).body(Map.of("newPassword", "an0ther-pass")).when().put("/v2/users/" + victim + "/password").then().statusCode(204);
        login(victim, "an0ther-pass", 200);
        as(admin).body(Map.of("newPassword", "an0ther-pass")).when().put("/v2/users/" + username(admin) + "/password")
                .then().statusCode(409).body("detail", containsString("paas passwd"));
        as(admin).body(Map.of("newPassword", "an0ther-pass")).when().put("/v2/users/no-such-user-here/password")
                .then().statusCode(404);
    }

    private static void login(String username, String password, int status) {
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post("/v2/auth/login").then().statusCode(status);
    }
}
