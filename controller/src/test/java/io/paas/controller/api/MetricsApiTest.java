package io.paas.controller.api;

import io.paas.controller.metrics.AppMetrics;
import io.paas.controller.scheduler.docker.TestImage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.build;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An app's figures per minute: after a known number of requests with known statuses (as the
 * routers report them), each lands in its minute and status class with the latency percentiles;
 * each running process's memory and CPU is taken once a minute.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class MetricsApiTest {
    @Inject
    AppMetrics metrics;
    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;

    @Test
    void requestsLandInTheirMinuteAndClassWithTheirLatency() {
        String token = register();
        String app = createApp(token, "metrics-");
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.MINUTES);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            lines.add(line(app, minute.plusSeconds(10 + i), 200, 5));
        }
        lines.add(line(app, minute.plusSeconds(20), 404, 5));
        lines.add(line(app, minute.plusSeconds(21), 404, 5));
        lines.add(line(app, minute.plusSeconds(22), 503, 900));
        lines.add(line(app, minute.plusSeconds(70), 302, 1));   // the next minute
        given().header("Authorization", "Bearer " + PlatformResource.ROUTER_TOKEN).contentType(ContentType.JSON)
                .body(lines).when().post("/v2/routes/logs").then().statusCode(204);
        metrics.flushEndedMinutes(Instant.now());

        List<Map<String, Object>> minutes = as(token).when().get("/v2/apps/" + app + "/metrics?minutes=10")
                .then().statusCode(200).extract().path("requests");
        assertEquals(2, minutes.size(), minutes.toString());
        Map<String, Object> first = minutes.get(0);
        assertEquals(minute.toString(), first.get("minute"));
        assertEquals(7, first.get("success"));
        assertEquals(2, first.get("clientError"));
        assertEquals(1, first.get("serverError"));
        assertEquals(0, first.get("redirect"));
        assertEquals(8, first.get("p50Ms"), "5 ms falls in the bucket up to 8 ms");
        assertEquals(1024, first.get("p99Ms"), "900 ms falls in the bucket up to 1024 ms");
        assertEquals(1, minutes.get(1).get("redirect"));

        as(register()).when().get("/v2/apps/" + app + "/metrics").then().statusCode(404)
                .body(containsString("no app named " + app));
        as(token).when().get("/v2/apps/" + app + "/metrics?minutes=0").then().statusCode(400);
    }

    @Test
    void eachRunningProcessHasItsMemoryAndCpuPerMinute() {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, "procs-");
        build(token, app, image.get(), TestImage.httpd("up")).statusCode(201);
        metrics.sampleProcesses();
        List<Map<String, Object>> processes = as(token).when().get("/v2/apps/" + app + "/metrics")
                .then().statusCode(200).extract().path("processes");
        assertEquals(1, processes.size(), processes.toString());
        assertEquals("web.1", processes.get(0).get("process"));
        assertTrue(((Number) processes.get(0).get("memoryBytes")).longValue() > 0, processes.toString());
    }

    /** A router's line for one request (ConsoleMetricsPagesTest sends them too). */
    static Map<String, Object> line(String app, Instant at, int status, long millis) {
        return Map.of("app", app, "time", at.toString(), "text", "at=info status=" + status, "status", status,
                "millis", millis);
    }
}
