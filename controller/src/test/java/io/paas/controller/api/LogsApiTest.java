package io.paas.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.paas.client.ControllerClient;
import io.paas.controller.scheduler.docker.PodmanService;
import io.paas.controller.scheduler.docker.TestImage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.build;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An app's log through the API: its processes' output tagged app[web.1], the platform's lines
 * about builds, deploys, scaling and crashes, the 404 rule for those who may not see the app, and
 * a follower that receives what happens after it started.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class LogsApiTest {
    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;
    @ConfigProperty(name = "paas.platform.id")
    String platformId;
    @TestHTTPResource("/")
    URL base;
    /** Set by PlatformResource. */
    PodmanService podman;

    @Test
    void processOutputAndThePlatformsLinesAreInTheAppsLogForThoseWhoMaySeeIt() throws Exception {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, "logs-");
        build(token, app, image.get(), "echo hello from web; echo careful >&2; " + TestImage.httpd("up")).statusCode(201);

        List<String> lines = awaitLines(token, app, "", l -> l.contains("app[web.1]: careful"));
        assertTrue(lines.stream().anyMatch(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z app\\[web\\.1\\]: hello from web$")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("platform: Build of ") && l.contains("succeeded: v2")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("platform: Deployed v2")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("platform[web.1]: State changed from starting to up")), String.join("\n", lines));
        List<String> times = lines.stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertTrue(times.stream().sorted().toList().equals(times), "ordered by time:\n" + String.join("\n", lines));

        List<String> onlyPlatform = awaitLines(token, app, "&source=platform", l -> true);
        assertTrue(onlyPlatform.stream().allMatch(l -> l.contains(" platform")), String.join("\n", onlyPlatform));
        List<String> lastTwo = as(token).when().get("/v2/apps/" + app + "/logs?lines=2").then().statusCode(200)
                .extract().asString().lines().map(LogsApiTest::line).toList();
        assertTrue(lastTwo.size() == 2 && lastTwo.get(1).equals(lines.get(lines.size() - 1)), String.join("\n", lastTwo));

        String stranger = register();
        as(stranger).when().get("/v2/apps/" + app + "/logs").then().statusCode(404)
                .body(containsString("no app named " + app));
        as(token).when().get("/v2/apps/" + app + "/logs?source=kernel").then().statusCode(400)
                .body(containsString("source must be app, router or platform"));
        as(token).when().get("/v2/apps/" + app + "/logs?lines=100001").then().statusCode(400);
    }

    @Test
    void aFollowerReceivesWhatHappensAfterItStartedScalingAndCrashesIncluded() throws Exception {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, "tail-");
        build(token, app, image.get(), "echo started $HOSTNAME; " + TestImage.httpd("up")).statusCode(201);
        awaitLines(token, app, "", l -> l.contains("app[web.1]: started"));

        List<String> followed = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "v2/apps/" + app + "/logs?tail=true&lines=0"))
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode(), "the stream's headers come at once");
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    JsonNode item = ControllerClient.JSON.readTree(line);
                    if (item.hasNonNull("line")) {
                        followed.add(item.path("line").asText());
                    }
                }
            } catch (Exception ended) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        as(token).body(Map.of("web", 2)).when().patch("/v2/apps/" + app + "/formation").then().statusCode(200);
        await(followed, l -> l.endsWith("platform: Scaled to web=2"));
        await(followed, l -> l.contains("app[web.2]: started"));

        try (DockerClient docker = podman.client()) {
            Container web1 = docker.listContainersCmd().withLabelFilter(Map.of("paas.platform", platformId,
                    "paas.app", app, "paas.index", "1")).exec().get(0);
            docker.killContainerCmd(web1.getId()).exec();
        }
        await(followed, l -> l.contains("platform[web.1]: Process crashed: killed"));
        await(followed, l -> l.contains("platform[web.1]: Restarted"));
        response.body().close();
    }

    @Test
    void theRoutersLinesGoToTheAppTheyNameAndOnlyTheRouterMaySendThem() throws Exception {
        String token = register();
        String app = createApp(token, "routed-");
        List<Map<String, String>> lines = List.of(
                Map.of("app", app, "time", "2026-12-04T17:00:00.123Z", "text", "at=info method=GET path=\"/\" status=200 bytes=5 service=3ms"),
                Map.of("app", "no-such-app-here", "time", "2026-12-04T17:00:00.124Z", "text", "at=info status=404"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + PlatformResource.ROUTER_TOKEN)
                .contentType(io.restassured.http.ContentType.JSON).body(lines)
                .when().post("/v2/routes/logs").then().statusCode(204);
        List<String> logged = awaitLines(token, app, "", l -> l.contains("router: "));
        assertTrue(logged.contains("2026-12-04T17:00:00.123Z router: at=info method=GET path=\"/\" status=200 bytes=5 service=3ms"),
                String.join("\n", logged));

        as(token).body(lines).when().post("/v2/routes/logs").then().statusCode(401);
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + PlatformResource.BUILDER_TOKEN)
                .contentType(io.restassured.http.ContentType.JSON).body(lines)
                .when().post("/v2/routes/logs").then().statusCode(403);
    }

    private List<String> awaitLines(String token, String app, String query, Predicate<String> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            String body = as(token).when().get("/v2/apps/" + app + "/logs?lines=1000" + query).then().statusCode(200)
                    .extract().asString();
            lines = body.lines().filter(l -> !l.isBlank()).map(LogsApiTest::line).toList();
            if (lines.stream().anyMatch(wanted)) {
                return lines;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not in the log after 20 s:\n" + String.join("\n", lines));
    }

    private static String line(String json) {
        try {
            JsonNode node = ControllerClient.JSON.readTree(json);
            return node.path("line").asText();
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static void await(List<String> lines, Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (lines.stream().anyMatch(wanted)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not followed in 20 s:\n" + String.join("\n", lines));
    }
}
