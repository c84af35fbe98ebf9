package io.paas.controller.api;

import io.paas.client.ControllerClient;
import io.paas.client.prometheus.PrometheusSamples;
import io.paas.controller.apps.AppService;
import io.paas.controller.logs.AppLogs;
import io.paas.controller.logs.LogLine;
import io.paas.controller.logs.LogSource;
import io.paas.controller.prometheus.PrometheusPort;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.router;
import static io.paas.controller.api.TestUsers.username;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Log drains against receivers the test runs on loopback (which this test's platform allows, as an
 * operator would with PAAS_ALLOW_PLATFORM_ADDRESSES): syslog over TCP and over TLS and an HTTPS
 * endpoint get the app's lines in Heroku's formats; receivers that are down slow nothing, and what
 * they missed is told in the app's log as Heroku's L10. Which URLs are refused: DrainPolicyTest.
 */
@QuarkusTest
@TestProfile(DrainsApiTest.LoopbackDrains.class)
@QuarkusTestResource(PlatformResource.class)
class DrainsApiTest {
    /** Loopback drains allowed, the test's certificate trusted, and a receiver that is down retried soon. */
    public static class LoopbackDrains implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paas.allow.platform.addresses", "true",
                    "paas.drain.ca.file", DrainReceivers.caFile().toString(),
                    "paas.drains.retry.max.millis", "400");
        }
    }

    private static final Pattern SYSLOG = Pattern.compile(
            "<(\\d+)>1 (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00) (\\S+) (\\S+) (\\S+) - (.*)");
    private static final Pattern L10 = Pattern.compile(
            "platform: Error L10 \\(output buffer overflow\\): (\\d+) messages dropped since (\\S+)$");

    @Inject
    AppLogs logs;
    @Inject
    AppService apps;
    @Inject
    PrometheusPort prometheus;

    @Test
    void syslogTlsAndHttpsReceiversGetTheAppsLinesInHerokusFormats() throws Exception {
        String token = register();
        String app = createApp(token, "drains-");
        double sentBefore = figure("paas_controller_drain_lines_sent_total");
        try (DrainReceivers.Syslog syslog = new DrainReceivers.Syslog(null, 0);
             DrainReceivers.Syslog tls = new DrainReceivers.Syslog(DrainReceivers.serverTls(), 0);
             DrainReceivers.Https https = new DrainReceivers.Https(0)) {
            String syslogUrl = "syslog://127.0.0.1:" + syslog.port();
            String plainToken = add(token, app, syslogUrl);
            String tlsToken = add(token, app, "syslog+tls://127.0.0.1:" + tls.port());
            String httpsToken = add(token, app, "https://127.0.0.1:" + https.port() + "/logs");
            List<Map<String, Object>> listed = as(token).when().get("/v2/apps/" + app + "/drains").then().statusCode(200)
                    .extract().path("$");
            assertEquals(List.of(plainToken, tlsToken, httpsToken), listed.stream().map(d -> d.get("token")).toList());
            assertEquals(username(token), listed.get(0).get("createdBy"));

            long appId = QuarkusTransaction.requiringNew().call(() -> apps.idOf(app).orElseThrow());
            String text = "hello drains \u2013 \u00fcn\u00efc\u00f6d\u00e9"; // multi-byte: the count is of octets
            logs.record(appId, List.of(new LogLine(Instant.parse("2026-12-04T17:00:00.123Z"), LogSource.APP, "web.1", text)));
            router().body(List.of(Map.of("app", app, "time", "2026-12-04T17:00:01.5Z", "text", "at=info method=GET path=\"/\" status=200")))
                    .when().post("/v2/routes/logs").then().statusCode(204);
            logs.platform(appId, null, "Deployed v7");

            for (List<String> received : List.of(syslog.messages, tls.messages)) {
                String hostname = received == syslog.messages ? plainToken : tlsToken;
                await(() -> received.size() >= 3, "3 lines at a syslog receiver", received);
                assertEquals("<190>1 2026-12-04T17:00:00.123000+00:00 " + hostname + " app web.1 - " + text, received.get(0));
                assertEquals("<158>1 2026-12-04T17:00:01.500000+00:00 " + hostname + " heroku router - at=info method=GET path=\"/\" status=200",
                        received.get(1));
                Matcher platform = SYSLOG.matcher(received.get(2));
                assertTrue(platform.matches(), received.get(2));
                assertEquals(List.of("134", hostname, "heroku", "api", "Deployed v7"),
                        List.of(platform.group(1), platform.group(3), platform.group(4), platform.group(5), platform.group(6)));
            }
            await(() -> https.messages().size() >= 3, "3 lines at the HTTPS receiver", https.messages());
            assertEquals("<190>1 2026-12-04T17:00:00.123000+00:00 host app web.1 - " + text, https.messages().get(0));
            assertTrue(https.messages().get(2).endsWith(" host heroku api - Deployed v7"), https.messages().get(2));
            for (DrainReceivers.Batch batch : https.batches) {
                assertEquals("POST", batch.headers().get("method"));
                assertEquals("application/logplex-1", batch.headers().get("Content-Type"));
                assertEquals(Integer.toString(batch.messages().size()), batch.headers().get("Logplex-Msg-Count"));
                assertEquals(httpsToken, batch.headers().get("Logplex-Drain-Token"));
                assertTrue(batch.headers().get("Logplex-Frame-Id").length() >= 16, batch.headers().toString());
            }
            assertEquals(List.of(), syslog.errors);
            assertEquals(List.of(), tls.errors);
            assertEquals(List.of(), https.errors);
            // counted once a send returned, which may be just after the receiver has the lines
            await(() -> figure("paas_controller_drain_lines_sent_total") - sentBefore >= 9, "3 lines to each of 3 drains counted",
                    https.messages());

            // drains:remove takes the URL (encoded in the path) or the token
            as(token).urlEncodingEnabled(false).when()
                    .delete("/v2/apps/" + app + "/drains/" + URLEncoder.encode(syslogUrl, StandardCharsets.UTF_8)).then().statusCode(204);
            as(token).when().delete("/v2/apps/" + app + "/drains/" + tlsToken).then().statusCode(204);
            as(token).when().delete("/v2/apps/" + app + "/drains/" + tlsToken).then().statusCode(404)
                    .body(containsString("no drain " + tlsToken + " on " + app));
            as(token).when().get("/v2/apps/" + app + "/drains").then().statusCode(200)
                    .body(containsString(httpsToken)).body(org.hamcrest.Matchers.not(containsString(plainToken)));
            String stranger = register();
            as(stranger).when().get("/v2/apps/" + app + "/drains").then().statusCode(404);
        }
    }

    @Test
    void receiversThatAreDownSlowNothingAndWhatTheyMissedIsToldInTheAppsLog() throws Exception {
        String token = register();
        String app = createApp(token, "drains-down-");
        String quiet = createApp(token, "no-drains-");
        int syslogPort = DrainReceivers.freePort();
        int httpsPort = DrainReceivers.freePort();
        add(token, app, "syslog://127.0.0.1:" + syslogPort);
        add(token, app, "https://127.0.0.1:" + httpsPort + "/logs");
        long appId = QuarkusTransaction.requiringNew().call(() -> apps.idOf(app).orElseThrow());
        long quietId = QuarkusTransaction.requiringNew().call(() -> apps.idOf(quiet).orElseThrow());
        double missedBefore = figure("paas_controller_drain_lines_missed_total");

        Duration without = recordLines(quietId, 1000);
        Duration with = recordLines(appId, 1000);
        System.out.printf("DrainsApiTest: 1,000 lines recorded in %d ms with two drains down, %d ms without drains%n",
                with.toMillis(), without.toMillis());
        assertTrue(with.compareTo(Duration.ofSeconds(5)) < 0, "1,000 lines took " + with.toMillis() + " ms with drains down");
        // down a while longer: an HTTPS sender's first POST may start after the last line (its client warming up)
        Thread.sleep(2000);

        try (DrainReceivers.Syslog syslog = new DrainReceivers.Syslog(null, syslogPort);
             DrainReceivers.Https https = new DrainReceivers.Https(httpsPort)) {
            List<Long> dropped = new ArrayList<>();
            int[] probes = {0};
            await(() -> {
                logs.record(appId, List.of(new LogLine(Instant.now(), LogSource.APP, "web.1", "probe " + probes[0]++)));
                dropped.clear();
                as(token).when().get("/v2/apps/" + app + "/logs?source=platform&lines=100").then().statusCode(200)
                        .extract().asString().lines().map(DrainsApiTest::line).map(L10::matcher).filter(Matcher::find)
                        .forEach(m -> dropped.add(Long.parseLong(m.group(1))));
                return dropped.size() >= 2;
            }, "an L10 line for each drain", new Object() {
                @Override
                public String toString() {
                    return dropped + " https: " + https.batches + https.errors + " syslog: " + syslog.messages;
                }
            });
            assertTrue(dropped.stream().allMatch(n -> n >= 1000), "each drain missed the 1,000 lines: " + dropped);
            assertTrue(figure("paas_controller_drain_lines_missed_total") - missedBefore >= 2000,
                    "the 1,000 lines each of two drains missed are counted");
            await(() -> syslog.messages.stream().anyMatch(m -> m.contains("heroku api - Error L10 (output buffer overflow): "))
                    && https.messages().stream().anyMatch(m -> m.contains(" app web.1 - probe ")), "the drains working again",
                    syslog.messages);
        }
    }

    @Test
    void whatIsNoDrainURLIsRefusedAndAnAppHasFiveAtMost() {
        String token = register();
        String app = createApp(token, "drains-max-");
        as(token).body(Map.of("url", "ftp://192.0.2.1/logs")).when().post("/v2/apps/" + app + "/drains").then().statusCode(400)
                .body(containsString("use syslog://, syslog+tls:// or https://"));
        as(token).body(Map.of()).when().post("/v2/apps/" + app + "/drains").then().statusCode(400)
                .body(containsString("a drain URL is required"));
        for (int i = 1; i <= 5; i++) {
            add(token, app, "syslog+tls://192.0.2." + i + ":6514");
        }
        as(token).body(Map.of("url", "syslog+tls://192.0.2.1:6514")).when().post("/v2/apps/" + app + "/drains").then()
                .statusCode(409).body(containsString("already added"));
        as(token).body(Map.of("url", "syslog+tls://192.0.2.6:6514")).when().post("/v2/apps/" + app + "/drains").then()
                .statusCode(409).body(containsString("5 drains, the most an app may have"));
        as(token).urlEncodingEnabled(false).when()
                .delete("/v2/apps/" + app + "/drains/" + URLEncoder.encode("syslog+tls://192.0.2.1:6514", StandardCharsets.UTF_8))
                .then().statusCode(204);
    }

    private Duration recordLines(long appId, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            logs.record(appId, List.of(new LogLine(Instant.now(), LogSource.APP, "web.1", "line " + i + " while the drains are down")));
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String add(String token, String app, String url) {
        String added = as(token).body(Map.of("url", url)).when().post("/v2/apps/" + app + "/drains").then().statusCode(201)
                .body(containsString("\"url\":\"" + url + "\"")).extract().path("token");
        assertTrue(added.matches("d\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), added);
        return added;
    }

    private static String line(String json) {
        try {
            return ControllerClient.JSON.readTree(json).path("line").asText();
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** A sample of the controller's /metrics. */
    private double figure(String sample) {
        return PrometheusSamples.parse(prometheus.exposition()).get(sample);
    }

    private static void await(BooleanSupplier done, String what, Object seen) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + what + " in 15 s: " + seen);
    }
}
