package io.paas.controller.api;

import io.paas.controller.deploy.DesiredStateReader;
import io.paas.controller.runs.AdoptedRuns;
import io.paas.controller.scheduler.OneOffProcess;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.ProcessUsage;
import io.paas.controller.scheduler.RunningProcess;
import io.paas.controller.scheduler.Scheduler;
import io.paas.controller.scheduler.docker.TestImage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.build;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A one-off process (paas run): it runs with the release's config, its output comes in the app's
 * log as app[run.N], its end as platform[run.N] with its exit status, and its container is gone.
 * While it runs, ps lists it (a deploy leaves it be), ps:stop stops it; it runs within the
 * platform's limits: memory, CPU and time (PlatformResource sets PAAS_RUN_TIMEOUT to 8 s).
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class RunsApiTest {
    private static final long MB = 1024 * 1024;

    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;

    @Inject
    Scheduler scheduler;

    @Inject
    DesiredStateReader reader;

    @Inject
    AdoptedRuns adopted;

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

    @Test
    void aDetachedRunIsListedInPsOutlivesADeployAndIsStoppedThroughTheApi() throws Exception {
        String token = register();
        String app = appWithARelease(token, "runps-");

        String process = as(token).body(Map.of("command", "sleep 300")).when().post("/v2/apps/" + app + "/runs").then()
                .statusCode(201).extract().path("process");
        Map<String, Object> listed = awaitListed(token, app, process);
        assertEquals("run", listed.get("type"));
        assertEquals("sleep 300", listed.get("command"));
        assertNotNull(listed.get("startedAt"), listed.toString());
        assertNotNull(listed.get("memoryBytes"), listed.toString());
        assertNotNull(listed.get("cpuPercent"), listed.toString());

        // the engine's answer: within the platform's default size (no web size set), and no formation process
        OneOffProcess oneOff = scheduler.oneOffs(app, "run").stream()
                .filter(o -> o.process().slot().equals(process)).findFirst().orElseThrow();
        ProcessUsage usage = scheduler.usage(List.of(oneOff.process())).get(oneOff.process().containerId());
        assertEquals(512 * MB, usage.memoryLimitBytes(), usage.toString());
        assertTrue(scheduler.observe(app).stream().noneMatch(p -> p.containerId().equals(oneOff.process().containerId())));

        // a new release rolls web; the one-off is none of the formation's business
        as(token).body(Map.of("values", Map.of("ROLLED", "yes"))).when().patch("/v2/apps/" + app + "/config").then()
                .statusCode(200);
        assertEquals("running", awaitListed(token, app, process).get("state"));
        assertEquals(Map.of("web", 1), as(token).when().get("/v2/apps/" + app + "/formation").then().statusCode(200)
                .extract().as(Map.class));

        as(token).when().delete("/v2/apps/" + app + "/runs/" + process).then().statusCode(204);
        assertTrue(scheduler.oneOffs(app, "run").isEmpty(), scheduler.oneOffs(app, "run").toString());
        List<String> lines = await(token, app, process, "platform[" + process + "]: Process exited with status 143");
        String who = as(token).when().get("/v2/auth/whoami").then().extract().path("username");
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("platform[" + process + "]: Stopping process: stopped by " + who
                + " (paas ps:stop)")), String.join("\n", lines));
        List<Map<String, Object>> ps = as(token).when().get("/v2/apps/" + app + "/ps").then().statusCode(200).extract().path("$");
        assertTrue(ps.stream().noneMatch(p -> process.equals(p.get("name"))), ps.toString());
        List<Map<String, Object>> audit = as(token).when().get("/v2/apps/" + app + "/audit").then().statusCode(200)
                .extract().path("$");
        assertTrue(audit.stream().anyMatch(e -> "run.stop".equals(e.get("action")) && process.equals(e.get("details"))),
                audit.toString());

        // stopped at once after it was started: the stop waits for its container
        String quick = as(token).body(Map.of("command", "sleep 300")).when().post("/v2/apps/" + app + "/runs").then()
                .statusCode(201).extract().path("process");
        as(token).when().delete("/v2/apps/" + app + "/runs/" + quick).then().statusCode(204);
        // its status is the engine's: a SIGTERM that comes before the init set its handlers up may end it with 0
        List<String> quickLines = await(token, app, quick, "platform[" + quick + "]: Process exited with status ",
                l -> l.contains("platform[" + quick + "]: Process exited with status "));
        assertTrue(quickLines.stream().anyMatch(l -> l.endsWith("platform[" + quick + "]: Stopping process: stopped by "
                + who + " (paas ps:stop)")), String.join("\n", quickLines));

        as(token).when().delete("/v2/apps/" + app + "/runs/" + process).then().statusCode(404)
                .body(containsString("no process " + process + " runs on " + app));
        as(token).when().delete("/v2/apps/" + app + "/runs/web.1").then().statusCode(422)
                .body(containsString("paas ps:restart web"));
        as(token).when().delete("/v2/apps/" + app + "/runs/nonsense").then().statusCode(400);

        // destroying the app stops its one-offs with its processes
        String last = as(token).body(Map.of("command", "sleep 300")).when().post("/v2/apps/" + app + "/runs").then()
                .statusCode(201).extract().path("process");
        awaitListed(token, app, last);
        as(token).when().delete("/v2/apps/" + app).then().statusCode(204);
        assertEquals(List.of(), scheduler.oneOffs(app, null));
    }

    @Test
    void aRunPastItsTimeLimitIsEndedAndGetsWebsSize() throws Exception {
        String token = register();
        String app = appWithARelease(token, "runtime-");
        as(token).body(Map.of("web", Map.of("memory", 200 * MB, "cpu", 0.5))).when().patch("/v2/apps/" + app + "/limits")
                .then().statusCode(200);

        long started = System.nanoTime();
        String process = as(token).body(Map.of("command", "sleep 300")).when().post("/v2/apps/" + app + "/runs").then()
                .statusCode(201).extract().path("process");
        awaitListed(token, app, process);
        RunningProcess running = scheduler.oneOffs(app, "run").get(0).process();
        assertEquals(200 * MB, scheduler.usage(List.of(running)).get(running.containerId()).memoryLimitBytes());

        List<String> lines = await(token, app, process, "s and was stopped (status 137)");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("platform[" + process + "]: Process timed out after 8 s and was "
                + "stopped (status 137)")), String.join("\n", lines));
        assertTrue(seconds >= 8 && seconds < 20, seconds + " s");
        assertTrue(scheduler.oneOffs(app, "run").isEmpty(), scheduler.oneOffs(app, "run").toString());
    }

    @Test
    void aRunAnEarlierControllerStartedIsFollowedToItsTimeLimit() throws Exception {
        String token = register();
        String app = appWithARelease(token, "runleft-");
        // as a controller that stopped left it: a one-off container whose follower is gone (this
        // thread only waits, as the engine's wait would for a controller that no longer listens)
        ProcessSpec spec = reader.serving(app).orElseThrow().oneOff("run", 4321, "sleep 300");
        long started = System.nanoTime();
        CompletableFuture<?> orphan = CompletableFuture.runAsync(() -> scheduler.runOnce(spec, Duration.ofMinutes(2)));
        awaitListed(token, app, "run.4321");

        assertTrue(adopted.adopt() >= 1);
        List<String> lines = await(token, app, "run.4321",
                "platform[run.4321]: Process timed out after 8 s and was stopped (status 137)");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(seconds >= 7 && seconds < 20, seconds + " s\n" + String.join("\n", lines));
        assertTrue(scheduler.oneOffs(app, "run").isEmpty(), scheduler.oneOffs(app, "run").toString());
        orphan.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** A new app of the user's with a release serving the test image. */
    private String appWithARelease(String token, String prefix) {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String app = createApp(token, prefix);
        build(token, app, image.get(), TestImage.httpd("up")).statusCode(201);
        return app;
    }

    /** The process as ps lists it once it runs. */
    private static Map<String, Object> awaitListed(String token, String app, String process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Map<String, Object>> ps = List.of();
        while (System.nanoTime() < deadline) {
            ps = as(token).when().get("/v2/apps/" + app + "/ps").then().statusCode(200).extract().path("$");
            Optional<Map<String, Object>> found = ps.stream()
                    .filter(p -> process.equals(p.get("name")) && "running".equals(p.get("state"))).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(process + " not running in ps after 20 s: " + ps);
    }

    private static List<String> await(String token, String app, String process, String end) throws InterruptedException {
        return await(token, app, process, end, l -> l.endsWith(end));
    }

    /** The process's lines in the app's log once one of them is the end wanted. */
    private static List<String> await(String token, String app, String process, String end, Predicate<String> isEnd)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = as(token).when().get("/v2/apps/" + app + "/logs?lines=100&type=" + process).then().statusCode(200)
                    .extract().asString().lines().filter(l -> !l.isBlank())
                    .map(l -> l.replaceAll("^.*\"line\":\"(.*)\"}$", "$1").replace("\\\"", "\"")).toList();
            if (lines.stream().anyMatch(isEnd)) {
                return lines;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not in the log after 30 s: " + end + "\n" + String.join("\n", lines));
    }
}
