package io.paas.router;

import io.paas.client.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-app settings from the route table: maintenance, allowlist, timeouts, body size, tls:enforce. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyTest {
    private Fixture fixture;

    @BeforeAll
    void start() throws Exception {
        fixture = new Fixture();
        FakeController c = fixture.controller;
        String one = fixture.one.endpoint();
        c.route("maint.localhost", "maint", settings(true, false, null, null, null), one);
        c.route("open.localhost", "open", settings(false, false, List.of("127.0.0.1/32"), null, null), one);
        c.route("closed.localhost", "closed", settings(false, false, List.of("10.0.0.0/8", "192.168.0.0/16"), null, null), one);
        c.route("slowapp.localhost", "slowapp", settings(false, false, null, 300, null), one);
        c.route("quiet.localhost", "quiet", new Api.RouteSettings(null, null, null, null, null, 700, null, null), one);
        c.route("small.localhost", "small", settings(false, false, null, null, 10L), one);
        c.route("secure.localhost", "secure", settings(false, true, null, null, null), one);
        long last = c.acmeChallenge("tok-123", "tok-123.thumbprint");
        fixture.awaitGeneration(last);
    }

    private static Api.RouteSettings settings(boolean maintenance, boolean tls, List<String> allow, Integer readMs, Long maxBody) {
        return new Api.RouteSettings(maintenance, tls, allow, null, readMs, null, maxBody, null);
    }

    @AfterAll
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void acmeChallengesAreAnsweredBeforeEveryPolicy() throws Exception {
        // the CA's validation request: over plain HTTP, to an app in maintenance, behind an allowlist or tls:enforce
        for (String host : List.of("maint.localhost", "closed.localhost", "secure.localhost", "open.localhost")) {
            RawHttp.Answer answer = RawHttp.get(fixture.port(), host, "/.well-known/acme-challenge/tok-123");
            assertEquals(200, answer.status(), host + ": " + answer);
            assertEquals("tok-123.thumbprint", answer.body(), host);
        }
        // any other token is the app's own business
        RawHttp.Answer other = RawHttp.get(fixture.port(), "open.localhost", "/.well-known/acme-challenge/unknown");
        assertEquals("one", other.body(), "passed to the app");
    }

    @Test
    void maintenanceModeServesA503PageWithRetryAfter() throws Exception {
        RawHttp.Answer answer = RawHttp.get(fixture.port(), "maint.localhost", "/");
        assertEquals(503, answer.status());
        assertEquals("120", answer.header("Retry-After"));
        assertTrue(answer.body().contains("down for maintenance"), answer.body());
        assertEquals(0, fixture.one.requests.get() - fixture.one.requests.get(), "never reaches the app");
    }

    @Test
    void allowlistLetsListedAddressesInAndRefusesOthers() throws Exception {
        assertEquals("one", RawHttp.get(fixture.port(), "open.localhost", "/").body());
        RawHttp.Answer refused = RawHttp.get(fixture.port(), "closed.localhost", "/");
        assertEquals(403, refused.status());
        assertTrue(refused.body().contains("127.0.0.1") && refused.body().contains("not allowed"), refused.body());
        RawHttp.Answer spoofed = RawHttp.get(fixture.port(), "closed.localhost", "/", "X-Forwarded-For: 10.1.2.3");
        assertEquals(403, spoofed.status(), "the TCP peer counts, not a header the client wrote");
    }

    @Test
    void readTimeoutAnswers504() throws Exception {
        long start = System.nanoTime();
        RawHttp.Answer answer = RawHttp.get(fixture.port(), "slowapp.localhost", "/sleep/2000");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(504, answer.status());
        assertTrue(answer.body().contains("did not answer in time"), answer.body());
        assertTrue(ms < 1500, "timed out after " + ms + " ms");
        assertEquals("one", RawHttp.get(fixture.port(), "slowapp.localhost", "/sleep/50").body(), "fast enough is fine");
    }

    @Test
    void idleTimeoutCutsASilentStreamButNotATalkingOne() throws Exception {
        // 10 events 150 ms apart last 1.5 s, twice the idle window: only an idle timer (not a total one)
        // lets them all through, with 550 ms to spare for a loaded machine's pauses.
        assertTrue(RawHttp.get(fixture.port(), "quiet.localhost", "/events?count=10").body().contains("data: event 9"),
                "events every 150 ms keep a 700 ms idle window open");
        try (Socket socket = new Socket("127.0.0.1", fixture.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /stall HTTP/1.1\r\nHost: quiet.localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    seen.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("a silent app kept the stream open past its idle window: " + seen);
            } catch (java.io.IOException reset) {
                // A reset is a fine way to cut the stream.
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(seen.toString(StandardCharsets.US_ASCII).contains("first"), seen.toString(StandardCharsets.US_ASCII));
            assertTrue(ms >= 650 && ms < 2_500, "cut after " + ms + " ms");
        }
    }

    @Test
    void bodyOverTheLimitGets413() throws Exception {
        RawHttp.Answer small = RawHttp.exchange(fixture.port(),
                "POST /upload HTTP/1.1\r\nHost: small.localhost\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
        assertEquals(200, small.status());
        assertEquals("one:5", small.body());
        RawHttp.Answer declared = RawHttp.exchange(fixture.port(),
                "POST /upload HTTP/1.1\r\nHost: small.localhost\r\nContent-Length: 20\r\nConnection: close\r\n\r\n01234567890123456789");
        assertEquals(413, declared.status());
        RawHttp.Answer chunked = RawHttp.exchange(fixture.port(),
                "POST /upload HTTP/1.1\r\nHost: small.localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + "a\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n");
        assertEquals(413, chunked.status());
        RawHttp.Answer chunkedSmall = RawHttp.exchange(fixture.port(),
                "POST /upload HTTP/1.1\r\nHost: small.localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + "4\r\n0123\r\n0\r\n\r\n");
        assertEquals("one:4", chunkedSmall.body());
    }

    @Test
    void tlsEnforceRedirectsPlainHttpToHttps() throws Exception {
        RawHttp.Answer answer = RawHttp.get(fixture.port(), "secure.localhost:" + fixture.port(), "/a/b?c=d");
        assertEquals(301, answer.status());
        assertEquals("https://secure.localhost:" + fixture.router.tlsPort() + "/a/b?c=d", answer.header("Location"));
    }
}
