package io.paas.router;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin port's figures reach a client that offers HTTP/2 (the JDK's), however many apps they name. */
class AdminPortTest {
    @Test
    void figuresBiggerThanOneHttp2FrameArriveWhole() throws Exception {
        try (Fixture fixture = new Fixture()) {
            for (int app = 0; app < 300; app++) {
                for (int status = 100; status < 600; status += 100) {
                    fixture.router.metrics().app("app-number-" + app).request(status, 1_000_000L * app);
                }
            }
            // CI saw "Frame type(111) length(7300962) exceeds MAX_FRAME_SIZE(16384)": the h2c upgrade's answer garbled
            HttpResponse<String> response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + fixture.router.adminPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                    .get(20, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals(HttpClient.Version.HTTP_1_1, response.version(), "scrapers' protocol");
            assertTrue(response.body().length() > 16384 && response.body().contains("app=\"app-number-299\""),
                    response.body().length() + " characters");
        }
    }
}
