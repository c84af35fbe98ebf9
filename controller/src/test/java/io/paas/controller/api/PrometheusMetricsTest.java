package io.paas.controller.api;

import io.paas.client.prometheus.PrometheusSamples;
import io.paas.controller.prometheus.PrometheusPort;
import io.paas.controller.scheduler.docker.TestImage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.build;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator's /metrics on the controller's loopback admin port: after known requests and log
 * lines, the counters moved by exactly as much, under the route's template (never the app's name),
 * and every series has its HELP and TYPE.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class PrometheusMetricsTest {
    @Inject
    PrometheusPort port;
    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;

    @Test
    void knownRequestsAndLogLinesMoveTheirCounters() throws Exception {
        String token = register();
        String app = createApp(token, "prom-");
        Map<String, Double> before = PrometheusSamples.parse(scrape().body());

        for (int i = 0; i < 3; i++) {
            given().when().get("/v2/info").then().statusCode(200);
        }
        as(token).when().get("/v2/apps/" + app + "-none").then().statusCode(404);
        given().when().get("/v2/no-such-route").then().statusCode(404);
        List<Map<String, String>> lines = List.of(
                Map.of("app", app, "time", "2026-12-05T09:00:00.001Z", "text", "at=info status=200"),
                Map.of("app", app, "time", "2026-12-05T09:00:00.002Z", "text", "at=info status=500"),
                Map.of("app", app + "-gone", "time", "2026-12-05T09:00:00.003Z", "text", "at=info status=404"));
        given().header("Authorization", "Bearer " + PlatformResource.ROUTER_TOKEN).contentType(ContentType.JSON)
                .body(lines).when().post("/v2/routes/logs").then().statusCode(204);

        HttpResponse<String> response = scrape();
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("content-type").orElse(""));
        String text = response.body();
        Map<String, Double> after = PrometheusSamples.parse(text);
        assertEquals(3, delta(before, after, "paas_controller_http_requests_total{method=\"GET\",route=\"/v2/info\",status=\"2xx\"}"), text);
        assertEquals(1, delta(before, after, "paas_controller_http_requests_total{method=\"GET\",route=\"/v2/apps/{app}\",status=\"4xx\"}"), text);
        assertEquals(1, delta(before, after, "paas_controller_http_requests_total{method=\"GET\",route=\"other\",status=\"4xx\"}"), text);
        assertEquals(1, delta(before, after, "paas_controller_http_requests_total{method=\"POST\",route=\"/v2/routes/logs\",status=\"2xx\"}"), text);
        assertTrue(!text.contains(app), "no app's name in the figures:\n" + text);
        assertEquals(3, delta(before, after, "paas_controller_log_lines_received_total{source=\"router\"}"), text);
        assertEquals(1, delta(before, after, "paas_controller_log_lines_dropped_total"), text);
        assertTrue(delta(before, after, "paas_controller_log_lines_stored_total") >= 2, text);
        assertTrue(delta(before, after, "paas_controller_http_request_duration_seconds_count") >= 6, text);

        for (String name : List.of("paas_controller_http_requests_in_flight", "paas_controller_runs_running",
                "paas_controller_reconciler_passes_total{kind=\"full\"}", "paas_controller_reconciler_pass_seconds_total{kind=\"app\"}",
                "paas_controller_deploys_started_total", "paas_controller_deploys_failed_total",
                "paas_controller_releases_total{result=\"failed\"}", "paas_controller_drain_lines_sent_total",
                "paas_controller_drain_lines_missed_total", "paas_controller_db_connections_in_use",
                "paas_controller_jvm_memory_used_bytes{area=\"heap\"}", "paas_controller_jvm_memory_used_bytes{area=\"nonheap\"}",
                "paas_controller_jvm_threads", "paas_controller_process_uptime_seconds")) {
            assertTrue(after.containsKey(name), name + " in\n" + text);
        }
        assertTrue(after.get("paas_controller_jvm_threads") > 0, text);
        // the pool counts (Agroal's metrics on): the requests above left at least one connection open
        assertTrue(after.get("paas_controller_db_connections_in_use") + after.get("paas_controller_db_connections_idle") >= 1, text);
        assertTrue(after.keySet().stream().anyMatch(s -> s.startsWith("paas_controller_jvm_gc_seconds_total{gc=")), text);
        assertEquals(List.of(), PrometheusSamples.undeclared(text), "every sample has its HELP and TYPE");

        HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port.port() + "/v2/info")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, other.statusCode(), "the admin port serves /metrics only");
    }

    @Test
    void aReleaseRolledOutIsCounted() {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, "prom-deploy-");
        Map<String, Double> before = PrometheusSamples.parse(port.exposition());
        build(token, app, image.get(), TestImage.httpd("up")).statusCode(201);
        Map<String, Double> after = PrometheusSamples.parse(port.exposition());
        assertEquals(1, delta(before, after, "paas_controller_deploys_started_total"), after.toString());
        assertEquals(1, delta(before, after, "paas_controller_releases_total{result=\"deployed\"}"), after.toString());
        assertEquals(0, delta(before, after, "paas_controller_deploys_failed_total"), after.toString());
        assertTrue(delta(before, after, "paas_controller_log_lines_received_total{source=\"platform\"}") >= 2,
                "Deploying and Deployed lines: " + after);
    }

    private HttpResponse<String> scrape() throws Exception {
        assertTrue(port.port() > 0, "the admin port is on");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String sample) {
        assertTrue(after.containsKey(sample), sample + " is missing");
        return after.get(sample) - before.getOrDefault(sample, 0.0);
    }
}
