package io.paas.controller.api;

import io.paas.controller.metrics.AppMetrics;
import io.paas.controller.scheduler.ProcessUsage;
import io.paas.controller.scheduler.RunningProcess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.paas.controller.api.MetricsApiTest.line;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.username;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's metrics page against the real controller: the series the routers' lines and the process samples
 * made, drawn as SVG a screen reader can name, with their figures in tables; a tenant's process name stays text;
 * an app out of sight answers 404 as the API does.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class ConsoleMetricsPagesTest {
    @Inject
    AppMetrics metrics;

    @Test
    void theMetricsPageDrawsTheAppsSeriesAndTellsThemInTables() throws Exception {
        String token = register();
        String app = createApp(token, "charts-");
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.MINUTES);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add(line(app, minute.plusSeconds(5 + i), 200, 5));
        }
        lines.add(line(app, minute.plusSeconds(30), 503, 900));
        given().header("Authorization", "Bearer " + PlatformResource.ROUTER_TOKEN).contentType(ContentType.JSON)
                .body(lines).when().post("/v2/routes/logs").then().statusCode(204);
        metrics.flushEndedMinutes(Instant.now());
        // a process type is the tenant's word (their Procfile): here one that is markup
        String hostile = "<script>alert(1)</script>";
        metrics.storeProcesses(minute, List.of(new RunningProcess("c1", app + "-x", app, hostile, 1, 1, 1, "running",
                null, minute)), Map.of("c1", new ProcessUsage(48L * 1048576, 0, 2.5)));

        ConsoleBrowser browser = new ConsoleBrowser();
        browser.signIn(username(token));
        ConsoleBrowser.Page page = browser.get("/console/apps/" + app + "/metrics");
        assertEquals(200, page.status(), page.body());
        String body = page.body();
        assertEquals(3, body.split("<svg ", -1).length - 1, "requests, latency, memory");
        assertTrue(body.contains("<title id=\"requests-title\">Requests per minute by status class, the last hour</title>"), body);
        assertTrue(body.contains("<title id=\"latency-title\">") && body.contains("<title id=\"memory-title\">"), body);
        assertTrue(body.contains("2xx: highest 6/min") && body.contains("5xx: highest 1/min"), body);
        assertTrue(body.contains("p99: highest 1024 ms"), body);
        assertTrue(body.contains("aria-current=\"page\">Metrics</a>"), body);
        // the tables: the minute's counts, and the process's memory under its (escaped) name
        String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneOffset.UTC).format(minute);
        assertTrue(body.contains("<td data-label=\"Time (UTC)\">" + time + "</td><td data-label=\"2xx\">6</td>"), body);
        assertTrue(body.contains("48 MB"), body);
        assertTrue(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;.1"), body);
        assertFalse(body.contains("<script"), "tenant text stays text, in the SVG and in the tables");
        assertFalse(body.contains("style="), "the CSP allows no inline style");
        assertTrue(page.header("Content-Security-Policy").contains("default-src 'none'"));

        ConsoleBrowser.Page day = browser.get("/console/apps/" + app + "/metrics?range=day");
        assertEquals(200, day.status(), day.body());
        assertTrue(day.body().contains("the last day</title>") && day.body().contains("averaged over 15 minutes"), day.body());
        assertTrue(day.body().contains("<a href=\"/console/apps/" + app + "/metrics\">Last hour</a>"), day.body());
    }

    @Test
    void aStrangerGets404AndAnEmptyAppAPictureThatSaysSo() throws Exception {
        String owner = register();
        String app = createApp(owner, "quiet-");
        ConsoleBrowser stranger = new ConsoleBrowser();
        stranger.signIn(username(register()));
        ConsoleBrowser.Page refused = stranger.get("/console/apps/" + app + "/metrics");
        assertEquals(404, refused.status());
        assertTrue(refused.body().contains("No app named " + app), refused.body());
        assertFalse(refused.body().contains("<svg"));

        ConsoleBrowser browser = new ConsoleBrowser();
        browser.signIn(username(owner));
        ConsoleBrowser.Page empty = browser.get("/console/apps/" + app + "/metrics");
        assertEquals(200, empty.status(), empty.body());
        assertTrue(empty.body().contains("No figures in this range") && empty.body().contains("No requests reached " + app),
                empty.body());
    }
}
