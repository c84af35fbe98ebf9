package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.client.ControllerClient;
import io.paas.controller.prometheus.PrometheusPort;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Answers bigger than one HTTP/2 frame (16 KB) reach the JDK's HTTP client, which the CLI, the
 * builder and the router use and which asks every plain-HTTP server to upgrade to HTTP/2 (h2c).
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class LargeAnswersTest {
    @TestHTTPResource("/")
    URL base;
    @Inject
    PrometheusPort port;

    @Test
    void aThirtyKilobyteConfigComesBackWhole() {
        String token = register();
        String app = createApp(token, "large-");
        String value = "v".repeat(30 * 1024);
        ControllerClient client = new ControllerClient(base.toString(), token);
        client.patchConfig(app, Map.of("BIG", value));
        Api.Config config = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> client.config(app));
        assertEquals(value, config.values().get("BIG"));
    }

    @Test
    void theAdminPortAnswersInHttp11WhateverTheClientOffers() throws Exception {
        // Vert.x's h2c upgrade stalls or garbles answers bigger than one frame (seen in CI on the
        // router's figures); scrapers speak HTTP/1.1, so the admin ports do not offer the upgrade.
        HttpResponse<String> response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                .get(20, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
    }
}
