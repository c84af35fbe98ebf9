package io.paas.controller.api;

import io.paas.controller.apps.App;
import io.paas.controller.releases.Release;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.paas.controller.api.TestUsers.appId;
import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.builder;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.unique;
import static io.paas.controller.api.TestUsers.username;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console over HTTP as a browser speaks it (forms, cookies, redirects), against the real controller
 * and PostgreSQL: who is sent to sign in, which forms are refused, what another user sees, and that tenant
 * text reaches the page as text. Each change is confirmed through the API.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class ConsoleApiTest {
    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;

    @Test
    void aSignedOutRequestIsSentToSignIn() throws Exception {
        ConsoleBrowser browser = new ConsoleBrowser();
        for (String path : List.of("/console", "/console/apps", "/console/apps/some-app")) {
            ConsoleBrowser.Page page = browser.get(path);
            assertEquals(303, page.status(), path);
            String location = URI.create(page.header("Location")).getPath();
            assertTrue(location.equals("/console/sign-in") || location.equals("/console/apps"), path + " -> " + location);
        }
        ConsoleBrowser.Page post = browser.post("/console/apps", Map.of("name", unique("anon-"), "csrf", "x"));
        assertEquals(303, post.status());
        assertEquals("/console/sign-in", URI.create(post.header("Location")).getPath());
        // a bearer token is no console session
        ConsoleBrowser.Page withToken = new ConsoleBrowser.Page(0, "", ConsoleBrowser.HTTP.send(HttpRequest.newBuilder(ConsoleBrowser.uri("/console/apps"))
                .header("Authorization", "Bearer " + register()).build(), HttpResponse.BodyHandlers.ofString()));
        assertEquals(303, withToken.response().statusCode());
    }

    @Test
    void signInSetsAnHttpOnlySessionCookieThatSignOutRevokes() throws Exception {
        String token = register();
        String user = username(token);
        ConsoleBrowser browser = new ConsoleBrowser();
        ConsoleBrowser.Page form = browser.get("/console/sign-in");
        ConsoleBrowser.Page wrong = browser.post("/console/sign-in", Map.of("csrf", form.csrf(), "username", user, "password", "nope-nope"));
        assertEquals(401, wrong.status());
        assertTrue(wrong.body().contains("Wrong username or password"), wrong.body());

        ConsoleBrowser.Page signedIn = browser.post("/console/sign-in", Map.of("csrf", form.csrf(), "username", user,
                "password", "s3cret-pass"));
        assertEquals(303, signedIn.status(), signedIn.body());
        String cookie = signedIn.cookies().stream().filter(c -> c.startsWith("paas_session=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/console"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP: " + cookie);
        // the session is an API token the user sees and may revoke
        as(token).when().get("/v2/auth/tokens").then().statusCode(200).body(containsString("console session"));

        ConsoleBrowser.Page apps = browser.get("/console/apps");
        assertEquals(200, apps.status());
        assertTrue(apps.body().contains(user), apps.body());
        String policy = apps.header("Content-Security-Policy");
        assertTrue(policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'")
                && !policy.contains("unsafe-inline") && !policy.contains("script-src"), policy);

        ConsoleBrowser.Page out = browser.post("/console/sign-out", Map.of("csrf", apps.csrf()));
        assertEquals(303, out.status());
        assertFalse(browser.cookies.containsKey("paas_session"));
        // the revoked token no longer opens the console, even from a copy of the cookie
        ConsoleBrowser copy = new ConsoleBrowser();
        copy.cookies.put("paas_session", cookie.split(";")[0].substring("paas_session=".length()));
        assertEquals(303, copy.get("/console/apps").status());

        ConsoleBrowser.Page behindTls = new ConsoleBrowser.Page(0, "", ConsoleBrowser.HTTP.send(HttpRequest.newBuilder(ConsoleBrowser.uri("/console/sign-in"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString()));
        assertTrue(behindTls.cookies().stream().allMatch(c -> c.contains("; Secure")), behindTls.cookies().toString());
    }

    @Test
    void signInIsThrottledAsTheApiLoginIs() throws Exception {
        String name = unique("guessed-");
        register(name);
        ConsoleBrowser browser = new ConsoleBrowser();
        String csrf = browser.get("/console/sign-in").csrf();
        String cookie = "paas_sign_in=" + browser.cookies.get("paas_sign_in");
        // from an address of its own (127.0.0.4): other tests' logins from 127.0.0.1 are not slowed by these failures
        for (int i = 1; i <= 5; i++) {
            String answer = signInFrom("127.0.0.4", cookie, csrf, name, "guess-" + i);
            assertTrue(answer.startsWith("HTTP/1.1 401") && answer.contains("Wrong username or password"), answer);
        }
        String throttled = signInFrom("127.0.0.4", cookie, csrf, name, "s3cret-pass");
        assertTrue(throttled.startsWith("HTTP/1.1 429") && throttled.contains("Too many failed logins from your address: try again in 1 s")
                && throttled.toLowerCase(java.util.Locale.ROOT).contains("\r\nretry-after: 1\r\n"), throttled);
        assertFalse(throttled.contains("paas_session="), "no session while throttled:\n" + throttled);
    }

    /** The sign-in form posted from a loopback address of its own: the whole answer, head and page. */
    private static String signInFrom(String source, String cookie, String csrf, String name, String password) throws Exception {
        String body = "csrf=" + java.net.URLEncoder.encode(csrf, java.nio.charset.StandardCharsets.UTF_8)
                + "&username=" + name + "&password=" + password;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(source, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", io.restassured.RestAssured.port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /console/sign-in HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Cookie: " + cookie + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        String user = username(register());
        ConsoleBrowser browser = new ConsoleBrowser();
        browser.signIn(user);
        String app = unique("csrf-");
        ConsoleBrowser.Page missing = browser.post("/console/apps", Map.of("name", app));
        assertEquals(403, missing.status());
        assertTrue(missing.body().contains("did not come from this site"), missing.body());
        ConsoleBrowser.Page forged = browser.post("/console/apps", Map.of("name", app, "csrf", "forged"));
        assertEquals(403, forged.status());
        ConsoleBrowser.Page signInForged = new ConsoleBrowser().post("/console/sign-in", Map.of("username", user, "password", "s3cret-pass"));
        assertEquals(403, signInForged.status());
        assertFalse(signInForged.cookies().stream().anyMatch(c -> c.startsWith("paas_session=")));
        as(register()).when().get("/v2/apps").then().statusCode(200);
        assertFalse(browser.get("/console/apps").body().contains(app));
    }

    @Test
    void anotherUsersAppAnswers404() throws Exception {
        String owner = register();
        String app = createApp(owner, "theirs-");
        ConsoleBrowser stranger = new ConsoleBrowser();
        String csrf = stranger.signIn(username(register()));
        ConsoleBrowser.Page page = stranger.get("/console/apps/" + app);
        assertEquals(404, page.status());
        assertTrue(page.body().contains("No app named " + app), page.body());
        assertEquals(404, stranger.get("/console/apps/no-such-app-at-all").status());
        ConsoleBrowser.Page rollback = stranger.post("/console/apps/" + app + "/rollback", Map.of("csrf", csrf, "version", "1"));
        assertEquals(404, rollback.status());
        ConsoleBrowser.Page destroy = stranger.post("/console/apps/" + app + "/destroy", Map.of("csrf", csrf, "confirm", app));
        assertEquals(404, destroy.status());
        as(owner).when().get("/v2/apps/" + app).then().statusCode(200);
    }

    @Test
    void tenantTextIsShownEscaped() throws Exception {
        String token = register();
        String app = createApp(token, "xss-");
        as(token).body(Map.of("values", Map.of("SCRIPT_KEY", "<script>alert(1)</script>"))).when()
                .patch("/v2/apps/" + app + "/config").then().statusCode(200);
        String hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        QuarkusTransaction.requiringNew().run(() -> {
            App found = App.<App>byName(app).orElseThrow();
            Release.<Release>find("app.id = ?1 order by version desc", found.id).firstResult().summary = hostile;
        });
        ConsoleBrowser browser = new ConsoleBrowser();
        browser.signIn(username(token));
        ConsoleBrowser.Page page = browser.get("/console/apps/" + app);
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"),
                page.body());
        assertFalse(page.body().contains("<script") || page.body().contains("<img"), page.body());
        assertTrue(page.body().contains("SCRIPT_KEY"));
        assertFalse(page.body().contains("alert(1)</"), "config values stay hidden");
    }

    @Test
    void aReleaseRollingOutIsFollowedByThePageReloadingItself() throws Exception {
        String token = register();
        String app = createApp(token, "rolling-");
        as(token).body(Map.of("values", Map.of("A", "1"))).when().patch("/v2/apps/" + app + "/config").then().statusCode(200);
        ConsoleBrowser browser = new ConsoleBrowser();
        browser.signIn(username(token));
        ConsoleBrowser.Page settled = browser.get("/console/apps/" + app);
        assertFalse(settled.body().contains("http-equiv=\"refresh\""), "nothing in progress: no reload\n" + settled.body());

        // the release a deploy is rolling out is pending until its processes are up (or it failed)
        QuarkusTransaction.requiringNew().run(() -> {
            App found = App.<App>byName(app).orElseThrow();
            Release.<Release>find("app.id = ?1 order by version desc", found.id).firstResult().status = Release.PENDING;
        });
        ConsoleBrowser.Page rolling = browser.get("/console/apps/" + app);
        assertEquals(200, rolling.status(), rolling.body());
        assertTrue(rolling.body().contains("<meta http-equiv=\"refresh\" content=\"3\">"), rolling.body());
        assertTrue(rolling.body().contains("v2 is deploying: this page reloads every 3 s until it is live or failed."),
                rolling.body());
    }

    @Test
    void createRollBackAndDestroyThroughTheConsole() throws Exception {
        String token = register();
        ConsoleBrowser browser = new ConsoleBrowser();
        String csrf = browser.signIn(username(token));
        ConsoleBrowser.Page bad = browser.post("/console/apps", Map.of("csrf", csrf, "name", "Not_A_Name"));
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("Invalid app name"), bad.body());

        String app = unique("made-");
        ConsoleBrowser.Page created = browser.post("/console/apps", Map.of("csrf", csrf, "name", app));
        assertEquals(303, created.status(), created.body());
        ConsoleBrowser.Page page = browser.get(URI.create(created.header("Location")).getRawPath() + "?"
                + URI.create(created.header("Location")).getRawQuery());
        assertTrue(page.body().contains("git remote add paas "), page.body());
        as(token).when().get("/v2/apps/" + app).then().statusCode(200);
        assertTrue(browser.get("/console/apps").body().contains("/console/apps/" + app + "\""));

        ConsoleBrowser.Page noBuild = browser.post("/console/apps/" + app + "/rollback", Map.of("csrf", csrf, "version", "1"));
        assertEquals(422, noBuild.status());
        assertTrue(noBuild.body().contains("Rollback failed: v1 has no build to roll back to"), noBuild.body());
        assumeTrue(image.isPresent(), "podman is not installed: no image for a build to roll back to");
        // v2: a build (no process runs: web=0), v3: a config change, v4: the rollback to v2
        builder().body(Map.of("appId", appId(token, app), "sha", "0123456789abcdef", "username", username(token),
                        "image", image.get(), "processTypes", Map.of("web", "sleep 600"), "formation", Map.of("web", 0)))
                .when().post("/v2/apps/" + app + "/builds").then().statusCode(201);
        as(token).body(Map.of("values", Map.of("GREETING", "hi"))).when().patch("/v2/apps/" + app + "/config")
                .then().statusCode(200);
        ConsoleBrowser.Page rolled = browser.post("/console/apps/" + app + "/rollback", Map.of("csrf", csrf, "version", "2"));
        assertEquals(303, rolled.status(), rolled.body());
        assertTrue(rolled.header("Location").endsWith("?rolled-back=4"), rolled.header("Location"));
        as(token).when().get("/v2/apps/" + app + "/releases/4").then().statusCode(200)
                .body(containsString("v2"));
        assertTrue(browser.get("/console/apps/" + app + "?rolled-back=4").body().contains("v4 is now the current release"));

        ConsoleBrowser.Page notConfirmed = browser.post("/console/apps/" + app + "/destroy", Map.of("csrf", csrf, "confirm", "other"));
        assertEquals(400, notConfirmed.status());
        as(token).when().get("/v2/apps/" + app).then().statusCode(200);
        ConsoleBrowser.Page destroyed = browser.post("/console/apps/" + app + "/destroy", Map.of("csrf", csrf, "confirm", app));
        assertEquals(303, destroyed.status(), destroyed.body());
        as(token).when().get("/v2/apps/" + app).then().statusCode(404);
    }

    @Test
    void configScaleAndRestartThroughTheConsole() throws Exception {
        String token = register();
        ConsoleBrowser browser = new ConsoleBrowser();
        String csrf = browser.signIn(username(token));
        String app = unique("knobs-");
        assertEquals(303, browser.post("/console/apps", Map.of("csrf", csrf, "name", app)).status());

        ConsoleBrowser.Page set = browser.post("/console/apps/" + app + "/config", Map.of("csrf", csrf, "key", "GREETING",
                "value", "<b>hi</b>"));
        assertEquals(303, set.status(), set.body());
        assertTrue(set.header("Location").endsWith("?done=config-set"), set.header("Location"));
        as(token).when().get("/v2/apps/" + app + "/config").then().statusCode(200)
                .body("values.GREETING", org.hamcrest.Matchers.equalTo("<b>hi</b>"));
        ConsoleBrowser.Page shown = browser.get("/console/apps/" + app + "?done=config-set");
        assertTrue(shown.body().contains("Config var set"), shown.body());
        assertTrue(shown.body().contains("<code>GREETING</code>"), shown.body());
        assertFalse(shown.body().contains("<b>hi</b>"), "values stay hidden");
        ConsoleBrowser.Page badKey = browser.post("/console/apps/" + app + "/config", Map.of("csrf", csrf, "key", "1BAD", "value", "x"));
        assertEquals(400, badKey.status(), badKey.body());
        assertTrue(badKey.body().contains("Config not set: "), badKey.body());
        ConsoleBrowser.Page unset = browser.post("/console/apps/" + app + "/config/unset", Map.of("csrf", csrf, "key", "GREETING"));
        assertEquals(303, unset.status(), unset.body());
        as(token).when().get("/v2/apps/" + app + "/config").then().statusCode(200)
                .body("values", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("GREETING")));
        // words in the address are never shown: only the console's own notices, by their code
        ConsoleBrowser.Page forged = browser.get("/console/apps/" + app + "?done=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertEquals(200, forged.status());
        assertFalse(forged.body().contains("alert(1)"), forged.body());

        ConsoleBrowser.Page badCount = browser.post("/console/apps/" + app + "/scale", Map.of("csrf", csrf, "type", "worker",
                "quantity", "many"));
        assertEquals(400, badCount.status(), badCount.body());
        assertTrue(badCount.body().contains("Not scaled: "), badCount.body());
        assumeTrue(image.isPresent(), "podman is not installed: no image to scale");
        builder().body(Map.of("appId", appId(token, app), "sha", "0123456789abcdef", "username", username(token),
                        "image", image.get(), "processTypes", Map.of("worker", "sleep 600"), "formation", Map.of("worker", 0)))
                .when().post("/v2/apps/" + app + "/builds").then().statusCode(201);
        ConsoleBrowser.Page scaled = browser.post("/console/apps/" + app + "/scale", Map.of("csrf", csrf, "type", "worker", "quantity", "1"));
        assertEquals(303, scaled.status(), scaled.body());
        as(token).when().get("/v2/apps/" + app + "/formation").then().statusCode(200)
                .body("worker", org.hamcrest.Matchers.equalTo(1));
        ConsoleBrowser.Page processes = browser.get("/console/apps/" + app + "?done=scaled");
        assertTrue(processes.body().contains("worker.1"), processes.body());
        assertTrue(processes.body().contains("1 of 1"), processes.body());
        String before = as(token).when().get("/v2/apps/" + app + "/ps").then().statusCode(200)
                .extract().path("[0].startedAt");
        ConsoleBrowser.Page restarted = browser.post("/console/apps/" + app + "/restart", Map.of("csrf", csrf, "type", "worker"));
        assertEquals(303, restarted.status(), restarted.body());
        String after = as(token).when().get("/v2/apps/" + app + "/ps").then().statusCode(200)
                .extract().path("[0].startedAt");
        assertFalse(before.equals(after), "a fresh process: started " + before + ", then " + after);
        as(token).when().delete("/v2/apps/" + app).then().statusCode(204);
    }
}
