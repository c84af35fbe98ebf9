package io.paas.controller.api;

import io.paas.controller.scheduler.TestImage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.build;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A one-off process (paas run): it runs with the release's config, its output comes in the app's
 * log as app[run.N], its end as platform[run.N] with its exit status, and its container is gone.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class RunsApiTest {
    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;

    @Test
    void aOneOffRunsWithTheConfigAndSaysItsExitStatusInTheLog() throws Exception {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, "run-");
        build(token, app, image.get(), TestImage.httpd("up")).statusCode(201);
        as(token).body(Map.of("values", Map.of("GREETING", "from the config"))).when()
                .patch("/v2/apps/" + app + "/config").then().statusCode(200);

        String process = as(token).body(Map.of("command", "echo said $GREETING; echo oops >&2; exit 3")).when()
                .post("/v2/apps/" + app + "/runs").then().statusCode(201).extract().path("process");
        assertTrue(process.matches("run\\.\\d{4}"), process);
        List<String> lines = await(token, app, process, "platform[" + process + "]: Process exited with status 3");
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("app[" + process + "]: said from the config")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("app[" + process + "]: oops")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("platform[" + process + "]: Starting process with command")),
                String.join("\n", lines));

        List<Map<String, Object>> audit = as(token).when().get("/v2/apps/" + app + "/audit").then().statusCode(200)
                .extract().path("$");
        assertTrue(audit.stream().anyMatch(e -> "run".equals(e.get("action"))
                && String.valueOf(e.get("details")).startsWith(process + ": echo said")), audit.toString());

        as(token).body(Map.of("command", " ")).when().post("/v2/apps/" + app + "/runs").then().statusCode(400)
                .body(containsString("command is required"));
        as(register()).body(Map.of("command", "true")).when().post("/v2/apps/" + app + "/runs").then().statusCode(404);
        String empty = createApp(token, "norel-");
        as(token).body(Map.of("command", "true")).when().post("/v2/apps/" + empty + "/runs").then().statusCode(422)
                .body(containsString("push code first"));
    }

    private static List<String> await(String token, String app, String process, String end) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = as(token).when().get("/v2/apps/" + app + "/logs?lines=100&type=" + process).then().statusCode(200)
                    .extract().asString().lines().filter(l -> !l.isBlank())
                    .map(l -> l.replaceAll("^.*\"line\":\"(.*)\"}$", "$1").replace("\\\"", "\"")).toList();
            if (lines.stream().anyMatch(l -> l.endsWith(end))) {
                return lines;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not in the log after 30 s: " + end + "\n" + String.join("\n", lines));
    }
}
