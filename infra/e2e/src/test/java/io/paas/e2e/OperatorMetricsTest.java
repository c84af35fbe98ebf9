package io.paas.e2e;

import io.paas.client.prometheus.PrometheusSamples;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The running platform's controller, builder and router answer Prometheus scrapes on the admin
 * ports platform.sh gave them; the controller's and builder's only on loopback.
 */
class OperatorMetricsTest {
    @Test
    void theControllerBuilderAndRouterServeTheirMetricsOnLoopback() throws Exception {
        Platform platform = Platform.get();
        // A request of its own: the controller may have been restarted by an earlier test (counters start at 0)
        HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                platform.controllerUrl() + "/v2/info")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, info.statusCode(), info.body());
        String controller = scrape(platform, "PAAS_CONTROLLER_ADMIN_PORT");
        for (String name : new String[] {"paas_controller_http_requests_total{method=\"GET\",route=\"/v2/info\",status=\"2xx\"} ",
                "# TYPE paas_controller_http_requests_in_flight gauge", "paas_controller_reconciler_passes_total{kind=\"full\"} ",
                "paas_controller_log_lines_received_total{source=\"platform\"} ", "paas_controller_db_connections_in_use ",
                "paas_controller_jvm_memory_used_bytes{area=\"heap\"} ", "paas_controller_process_uptime_seconds "}) {
            assertTrue(controller.contains(name), name + " in\n" + controller);
        }
        assertTrue(controller.matches("(?s).*\npaas_controller_reconciler_passes_total\\{kind=\"full\"} [1-9].*"),
                "the start's full pass is counted:\n" + controller);
        String builder = scrape(platform, "PAAS_BUILDER_ADMIN_PORT");
        for (String name : new String[] {"paas_builder_builds_running ", "paas_builder_builds_queued ",
                "paas_builder_builds_total{result=\"failed\"} ", "# TYPE paas_builder_build_duration_seconds histogram",
                "paas_builder_git_pushes_total{transport=\"ssh\"} ", "paas_builder_jvm_threads "}) {
            assertTrue(builder.contains(name), name + " in\n" + builder);
        }
        String router = scrape(platform, "PAAS_ROUTER_ADMIN_PORT");
        assertTrue(router.contains("paas_router_open_connections ") && router.contains("paas_router_jvm_threads "), router);

        for (String port : new String[] {"PAAS_CONTROLLER_ADMIN_PORT", "PAAS_BUILDER_ADMIN_PORT"}) {
            String listening = platform.shell().run(platform.work, "ss", "-Hltn", "sport = :" + platform.setting(port)).ok()
                    .output().strip();
            // 127.0.0.1, or as Vert.x binds it, [::ffff:127.0.0.1]
            assertTrue(listening.matches("(?s)LISTEN\\s+\\d+\\s+\\d+\\s+(\\[::ffff:)?127\\.0\\.0\\.1]?:" + platform.setting(port) + "\\s.*")
                    && listening.lines().count() == 1, port + " listens on loopback only:\n" + listening);
        }
    }

    private static String scrape(Platform platform, String portSetting) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + platform.setting(portSetting) + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), portSetting);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("content-type").orElse(""));
        assertEquals(List.of(), PrometheusSamples.undeclared(response.body()), portSetting + ": every sample has its HELP and TYPE");
        return response.body();
    }
}
