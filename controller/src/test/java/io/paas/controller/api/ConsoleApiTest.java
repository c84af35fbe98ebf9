package io.paas.controller.api;

import io.paas.controller.apps.App;
import io.paas.controller.releases.Release;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;

    record Page(int status, String body, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        List<String> cookies() {
            return response.headers().allValues("Set-Cookie");
        }

        String csrf() {
            Matcher m = CSRF.matcher(body);
            assertTrue(m.find(), "no CSRF field in " + body);
            return m.group(1);
        }
    }

    /** A browser's cookie jar for /console: name -> value. */
    static final class Browser {
        final Map<String, String> cookies = new LinkedHashMap<>();

        Page get(String path) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).GET(), path);
        }

        Page post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), path);
        }

        private Page send(HttpRequest.Builder request, String path) throws Exception {
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty() || set.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return new Page(response.statusCode(), response.body(), response);
        }

        /** Signs in through the form; answers the apps page's CSRF token. */
        String signIn(String username) throws Exception {
            Page form = get("/console/sign-in");
            assertEquals(200, form.status());
            Page signedIn = post("/console/sign-in", Map.of("csrf", form.csrf(), "username", username,
                    "password", "s3cret-pass"));
            assertEquals(303, signedIn.status(), signedIn.body());
            assertEquals("/console/apps", URI.create(signedIn.header("Location")).getPath());
            return get("/console/apps").csrf();
        }
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    @Test
    void aSignedOutRequestIsSentToSignIn() throws Exception {
        Browser browser = new Browser();
        for (String path : List.of("/console", "/console/apps", "/console/apps/some-app")) {
            Page page = browser.get(path);
            assertEquals(303, page.status(), path);
            String location = URI.create(page.header("Location")).getPath();
            assertTrue(location.equals("/console/sign-in") || location.equals("/console/apps"), path + " -> " + location);
        }
        Page post = browser.post("/console/apps", Map.of("name", unique("anon-"), "csrf", "x"));
        assertEquals(303, post.status());
        assertEquals("/console/sign-in", URI.create(post.header("Location")).getPath());
        // a bearer token is no console session
        Page withToken = new Page(0, "", HTTP.send(HttpRequest.newBuilder(uri("/console/apps"))
                .header("Authorization", "Bearer " + register()).build(), HttpResponse.BodyHandlers.ofString()));
        assertEquals(303, withToken.response().statusCode());
    }

    @Test
    void signInSetsAnHttpOnlySessionCookieThatSignOutRevokes() throws Exception {
        String token = register();
        String user = username(token);
        Browser browser = new Browser();
        Page form = browser.get("/console/sign-in");
        Page wrong = browser.post("/console/sign-in", Map.of("csrf", form.csrf(), "username", user, "password", "nope-nope"));
        assertEquals(401, wrong.status());
        assertTrue(wrong.body().contains("Wrong username or password"), wrong.body());

        Page signedIn = browser.post("/console/sign-in", Map.of("csrf", form.csrf(), "username", user,
                "password", "s3cret-pass"));
        assertEquals(303, signedIn.status(), signedIn.body());
        String cookie = signedIn.cookies().stream().filter(c -> c.startsWith("paas_session=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/console"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP: " + cookie);
        // the session is an API token the user sees and may revoke
        as(token).when().get("/v2/auth/tokens").then().statusCode(200).body(containsString("console session"));

        Page apps = browser.get("/console/apps");
        assertEquals(200, apps.status());
        assertTrue(apps.body().contains(user), apps.body());
        String policy = apps.header("Content-Security-Policy");
        assertTrue(policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'")
                && !policy.contains("unsafe-inline") && !policy.contains("script-src"), policy);

        Page out = browser.post("/console/sign-out", Map.of("csrf", apps.csrf()));
        assertEquals(303, out.status());
        assertFalse(browser.cookies.containsKey("paas_session"));
        // the revoked token no longer opens the console, even from a copy of the cookie
        Browser copy = new Browser();
        copy.cookies.put("paas_session", cookie.split(";")[0].substring("paas_session=".length()));
        assertEquals(303, copy.get("/console/apps").status());

        Page behindTls = new Page(0, "", HTTP.send(HttpRequest.newBuilder(uri("/console/sign-in"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString()));
        assertTrue(behindTls.cookies().stream().allMatch(c -> c.contains("; Secure")), behindTls.cookies().toString());
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        String user = username(register());
        Browser browser = new Browser();
        browser.signIn(user);
        String app = unique("csrf-");
        Page missing = browser.post("/console/apps", Map.of("name", app));
        assertEquals(403, missing.status());
        assertTrue(missing.body().contains("did not come from this site"), missing.body());
        Page forged = browser.post("/console/apps", Map.of("name", app, "csrf", "forged"));
        assertEquals(403, forged.status());
        Page signInForged = new Browser().post("/console/sign-in", Map.of("username", user, "password", "s3cret-pass"));
        assertEquals(403, signInForged.status());
        assertFalse(signInForged.cookies().stream().anyMatch(c -> c.startsWith("paas_session=")));
        as(register()).when().get("/v2/apps").then().statusCode(200);
        assertFalse(browser.get("/console/apps").body().contains(app));
    }

    @Test
    void anotherUsersAppAnswers404() throws Exception {
        String owner = register();
        String app = createApp(owner, "theirs-");
        Browser stranger = new Browser();
        String csrf = stranger.signIn(username(register()));
        Page page = stranger.get("/console/apps/" + app);
        assertEquals(404, page.status());
        assertTrue(page.body().contains("No app named " + app), page.body());
        assertEquals(404, stranger.get("/console/apps/no-such-app-at-all").status());
        Page rollback = stranger.post("/console/apps/" + app + "/rollback", Map.of("csrf", csrf, "version", "1"));
        assertEquals(404, rollback.status());
        Page destroy = stranger.post("/console/apps/" + app + "/destroy", Map.of("csrf", csrf, "confirm", app));
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
        Browser browser = new Browser();
        browser.signIn(username(token));
        Page page = browser.get("/console/apps/" + app);
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"),
                page.body());
        assertFalse(page.body().contains("<script") || page.body().contains("<img"), page.body());
        assertTrue(page.body().contains("SCRIPT_KEY"));
        assertFalse(page.body().contains("alert(1)</"), "config values stay hidden");
    }

    @Test
    void createRollBackAndDestroyThroughTheConsole() throws Exception {
        String token = register();
        Browser browser = new Browser();
        String csrf = browser.signIn(username(token));
        Page bad = browser.post("/console/apps", Map.of("csrf", csrf, "name", "Not_A_Name"));
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("Invalid app name"), bad.body());

        String app = unique("made-");
        Page created = browser.post("/console/apps", Map.of("csrf", csrf, "name", app));
        assertEquals(303, created.status(), created.body());
        Page page = browser.get(URI.create(created.header("Location")).getRawPath() + "?"
                + URI.create(created.header("Location")).getRawQuery());
        assertTrue(page.body().contains("git remote add paas "), page.body());
        as(token).when().get("/v2/apps/" + app).then().statusCode(200);
        assertTrue(browser.get("/console/apps").body().contains("/console/apps/" + app + "\""));

        Page noBuild = browser.post("/console/apps/" + app + "/rollback", Map.of("csrf", csrf, "version", "1"));
        assertEquals(422, noBuild.status());
        assertTrue(noBuild.body().contains("Rollback failed: v1 has no build to roll back to"), noBuild.body());
        assumeTrue(image.isPresent(), "podman is not installed: no image for a build to roll back to");
        // v2: a build (no process runs: web=0), v3: a config change, v4: the rollback to v2
        builder().body(Map.of("appId", appId(token, app), "sha", "0123456789abcdef", "username", username(token),
                        "image", image.get(), "processTypes", Map.of("web", "sleep 600"), "formation", Map.of("web", 0)))
                .when().post("/v2/apps/" + app + "/builds").then().statusCode(201);
        as(token).body(Map.of("values", Map.of("GREETING", "hi"))).when().patch("/v2/apps/" + app + "/config")
                .then().statusCode(200);
        Page rolled = browser.post("/console/apps/" + app + "/rollback", Map.of("csrf", csrf, "version", "2"));
        assertEquals(303, rolled.status(), rolled.body());
        assertTrue(rolled.header("Location").endsWith("?rolled-back=4"), rolled.header("Location"));
        as(token).when().get("/v2/apps/" + app + "/releases/4").then().statusCode(200)
                .body(containsString("v2"));
        assertTrue(browser.get("/console/apps/" + app + "?rolled-back=4").body().contains("v4 is now the current release"));

        Page notConfirmed = browser.post("/console/apps/" + app + "/destroy", Map.of("csrf", csrf, "confirm", "other"));
        assertEquals(400, notConfirmed.status());
        as(token).when().get("/v2/apps/" + app).then().statusCode(200);
        Page destroyed = browser.post("/console/apps/" + app + "/destroy", Map.of("csrf", csrf, "confirm", app));
        assertEquals(303, destroyed.status(), destroyed.body());
        as(token).when().get("/v2/apps/" + app).then().statusCode(404);
    }
}
