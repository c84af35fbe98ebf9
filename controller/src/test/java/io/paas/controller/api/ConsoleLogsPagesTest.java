package io.paas.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import io.paas.controller.apps.App;
import io.paas.controller.logs.AppLogs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static io.paas.controller.api.TestUsers.appId;
import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.builder;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.username;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's builds, logs and activity pages over HTTP as a browser speaks them, against the real controller:
 * each for the app's owner only (404 for a stranger, sign-in when signed out), tenant text (build output, log
 * lines) escaped, the logs page alone allowed its script, and the follow route a script reads delivering new lines.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class ConsoleLogsPagesTest {
    private static final String HOSTILE = "<script>alert(1)</script>";
    private static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

    @Inject
    AppLogs logs;

    @Test
    void buildsLogsAndActivityShowTheOwnersAppEscapedAndNobodyElses() throws Exception {
        String owner = register();
        String app = createApp(owner, "pages-");
        String output = "-----> Building on the stack\n" + HOSTILE + "\n-----> Compiling: failed";
        String build = builder().body(Map.of("appId", appId(owner, app), "sha", "0123456789abcdef0123456789abcdef01234567",
                        "username", username(owner), "reason", "compile failed", "output", output,
                        "startedAt", "2026-12-05T10:00:00Z"))
                .when().post("/v2/apps/" + app + "/builds/failed").then().statusCode(201).extract().path("id");
        as(owner).body(Map.of("values", Map.of("GREETING", "hi"))).when().patch("/v2/apps/" + app + "/config")
                .then().statusCode(200);
        logs.platform(logId(app), "web.1", "said " + HOSTILE);

        ConsoleBrowser browser = new ConsoleBrowser();
        browser.signIn(username(owner));
        ConsoleBrowser.Page builds = browser.get("/console/apps/" + app + "/builds");
        assertEquals(200, builds.status(), builds.body());
        assertTrue(builds.body().contains("href=\"/console/apps/" + app + "/builds/" + build + "\""), builds.body());
        assertTrue(builds.body().contains(">failed<") && builds.body().contains("compile failed")
                && builds.body().contains("0123456789ab"), builds.body());

        ConsoleBrowser.Page one = browser.get("/console/apps/" + app + "/builds/" + build);
        assertEquals(200, one.status(), one.body());
        assertTrue(one.body().contains("<pre class=\"output\">-----&gt; Building on the stack\n" + ESCAPED
                + "\n-----&gt; Compiling: failed</pre>"), "the whole output, escaped: " + one.body());
        assertEquals(404, browser.get("/console/apps/" + app + "/builds/no-such-build").status());

        ConsoleBrowser.Page page = browser.get("/console/apps/" + app + "/logs");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("platform[web.1]: said " + ESCAPED), page.body());
        assertFalse(page.body().contains(HOSTILE), page.body());
        assertTrue(page.body().contains("<script src=\"/console/logs.js\" defer></script>"), page.body());
        assertTrue(page.body().contains("href=\"/console/apps/" + app + "/logs\">Refresh</a>"), "works without script: " + page.body());
        String scripted = page.header("Content-Security-Policy");
        assertTrue(scripted.contains("script-src 'self'") && scripted.contains("connect-src 'self'")
                && scripted.contains("default-src 'none'") && scripted.contains("frame-ancestors 'none'")
                && !scripted.contains("unsafe"), scripted);
        ConsoleBrowser.Page platformOnly = browser.get("/console/apps/" + app + "/logs?source=platform&lines=1");
        assertEquals(200, platformOnly.status(), platformOnly.body());
        assertTrue(platformOnly.body().contains("logs/follow?source=platform\"")
                && platformOnly.body().contains("logs?source=platform&amp;lines=1\">Refresh"), platformOnly.body());
        ConsoleBrowser.Page badSource = browser.get("/console/apps/" + app + "/logs?source=kernel");
        assertEquals(400, badSource.status());
        assertTrue(badSource.body().contains("Source must be app, router or platform"), badSource.body());
        assertEquals(400, browser.get("/console/apps/" + app + "/logs?lines=many").status());
        // every other page keeps the policy that allows no script at all
        for (String other : List.of("", "/builds", "/activity")) {
            String policy = browser.get("/console/apps/" + app + other).header("Content-Security-Policy");
            assertTrue(policy.contains("default-src 'none'") && !policy.contains("script-src"), other + ": " + policy);
        }

        ConsoleBrowser.Page activity = browser.get("/console/apps/" + app + "/activity");
        assertEquals(200, activity.status(), activity.body());
        assertTrue(activity.body().contains("<code>config.set</code>") && activity.body().contains(username(owner)),
                activity.body());

        ConsoleBrowser.Page script = browser.get("/console/logs.js");
        assertEquals(200, script.status());
        assertTrue(script.header("Content-Type").startsWith("text/javascript"), script.header("Content-Type"));
        assertTrue(script.body().contains("createTextNode") && !script.body().contains("innerHTML")
                && !script.body().contains("insertAdjacentHTML"), script.body());

        ConsoleBrowser stranger = new ConsoleBrowser();
        stranger.signIn(username(register()));
        ConsoleBrowser signedOut = new ConsoleBrowser();
        for (String sub : List.of("/builds", "/builds/" + build, "/logs", "/logs/follow", "/activity")) {
            ConsoleBrowser.Page refused = stranger.get("/console/apps/" + app + sub);
            assertEquals(404, refused.status(), sub + ": " + refused.body());
            assertFalse(refused.body().contains("compile failed") || refused.body().contains("alert(1)"), refused.body());
            ConsoleBrowser.Page away = signedOut.get("/console/apps/" + app + sub);
            assertEquals(303, away.status(), sub);
            assertEquals("/console/sign-in", URI.create(away.header("Location")).getPath(), sub);
        }
    }

    @Test
    void theFollowRouteDeliversALineWrittenAfterItStarted() throws Exception {
        String owner = register();
        String app = createApp(owner, "follow-");
        long id = logId(app);
        logs.platform(id, null, "written before");
        ConsoleBrowser browser = new ConsoleBrowser();
        browser.signIn(username(owner));
        HttpRequest request = HttpRequest.newBuilder(ConsoleBrowser.uri("/console/apps/" + app + "/logs/follow"))
                .header("Cookie", browser.cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")))
                .header("Accept", "application/x-ndjson").build();
        HttpResponse<InputStream> response = ConsoleBrowser.HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode(), "the stream's headers come at once");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"),
                response.headers().toString());
        List<String> followed = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    JsonNode item = ControllerClient.JSON.readTree(line);
                    followed.add(item.hasNonNull("line") ? item.path("line").asText() : "(heartbeat)");
                }
            } catch (Exception ended) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (followed.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20); // the heartbeat: the follower is registered
            }
            logs.platform(id, "web.1", "written after " + HOSTILE);
            while (followed.stream().noneMatch(l -> l.endsWith("platform[web.1]: written after " + HOSTILE))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(followed.stream().anyMatch(l -> l.endsWith("platform[web.1]: written after " + HOSTILE)),
                    "followed: " + followed);
            assertTrue(followed.stream().noneMatch(l -> l.contains("written before")), "only new lines: " + followed);
        } finally {
            response.body().close();
        }
    }

    /** The key of the app's log: its row's id (the API's app id is another). */
    private static long logId(String app) {
        return QuarkusTransaction.requiringNew().call(() -> App.<App>byName(app).orElseThrow().id);
    }
}
