package io.paas.router;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The real router on real sockets, fed by a fake controller stream, in front of two real backends. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterTest {
    private static final Pattern OPEN_CONNECTIONS = Pattern.compile("(?m)^paas_router_open_connections (\\d+)$");

    private Vertx vertx;
    private FakeController controller;
    private int controllerPort;
    private Backend one;
    private Backend two;
    private Router router;
    private int port;

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        one = new Backend(vertx, "one");
        two = new Backend(vertx, "two");
        controller = new FakeController(vertx);
        controller.route("app1.localhost", "app1", one.endpoint());
        controller.route("app2.localhost", "app2", one.endpoint(), two.endpoint());
        controller.route("app3.localhost", "app3");
        controller.route("app4.localhost", "app4", "127.0.0.1:" + freePort());
        controllerPort = controller.start(0);
        router = Router.start(RouterSettings.of("127.0.0.1", 0, "http://127.0.0.1:" + controllerPort,
                () -> FakeController.TOKEN, 2, 5000)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        port = router.port();
        awaitBody("app1.localhost", "one");
    }

    @AfterAll
    void stop() throws Exception {
        if (router != null) {
            router.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void routesByHostHeaderIgnoringCaseAndPort() throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, "app1.localhost:" + port, "/");
        assertEquals(200, answer.status());
        assertEquals("one", answer.body());
        assertEquals("one", RawHttp.get(port, "APP1.Localhost", "/").body());
        assertEquals("app1.localhost:" + port, answer.header("Echo-Host"), "the app sees the client's Host");
    }

    @Test
    void roundRobinsOverEndpoints() throws Exception {
        String previous = null;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            String body = RawHttp.get(port, "app2.localhost:" + port, "/").body();
            assertNotEquals(previous, body, "consecutive requests go to different endpoints");
            seen.add(body);
            previous = body;
        }
        assertEquals(Set.of("one", "two"), seen);
    }

    @Test
    void unknownHostGetsA404Page() throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, "nope.localhost:" + port, "/");
        assertEquals(404, answer.status());
        assertTrue(answer.header("content-type").startsWith("text/html"), answer.header("content-type"));
        assertTrue(answer.body().contains("No app at nope.localhost"), answer.body());
        assertTrue(answer.body().contains("paas apps"), answer.body());
        assertEquals("1", answer.header("X-Paas-Router"));
    }

    @Test
    void hostIsEscapedInThePage() throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, "<b>x", "/");
        assertEquals(404, answer.status());
        assertTrue(!answer.body().contains("<b>x"), answer.body());
    }

    @Test
    void appWithoutEndpointsGetsA503Page() throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, "app3.localhost:" + port, "/");
        assertEquals(503, answer.status());
        assertTrue(answer.header("content-type").startsWith("text/html"));
        assertTrue(answer.body().contains("app3 has no running web process"), answer.body());
        assertTrue(answer.body().contains("paas scale web=1"), answer.body());
    }

    @Test
    void refusedConnectionGetsA502Page() throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, "app4.localhost:" + port, "/");
        assertEquals(502, answer.status());
        assertTrue(answer.header("content-type").startsWith("text/html"), answer.header("content-type"));
        assertTrue(answer.body().contains("app4 is not answering"), answer.body());
    }

    @Test
    void deadEndpointIsSkippedWhenTheAppHasAnother() throws Exception {
        controller.route("app7.localhost", "app7", "127.0.0.1:" + freePort(), two.endpoint());
        awaitBody("app7.localhost", "two");
        for (int i = 0; i < 4; i++) {
            RawHttp.Answer answer = RawHttp.get(port, "app7.localhost", "/");
            assertEquals(200, answer.status());
            assertEquals("two", answer.body());
        }
    }

    @Test
    void addsForwardedHeadersAndRequestId() throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, "app1.localhost:" + port, "/");
        assertEquals("127.0.0.1", answer.header("Echo-X-Forwarded-For"));
        assertEquals("http", answer.header("Echo-X-Forwarded-Proto"));
        assertEquals("app1.localhost:" + port, answer.header("Echo-X-Forwarded-Host"));
        assertEquals(String.valueOf(port), answer.header("Echo-X-Forwarded-Port"));
        assertTrue(answer.header("Echo-X-Request-Id").matches("[0-9a-f-]{36}"), answer.header("Echo-X-Request-Id"));

        RawHttp.Answer chained = RawHttp.get(port, "app1.localhost", "/", "X-Forwarded-For: 10.1.2.3", "X-Request-Id: abc-123");
        assertEquals("10.1.2.3, 127.0.0.1", chained.header("Echo-X-Forwarded-For"));
        assertEquals("abc-123", chained.header("Echo-X-Request-Id"));
    }

    @Test
    void proxiesWebSockets() throws Exception {
        CompletableFuture<String> echoed = new CompletableFuture<>();
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
                            .putHeader("Host", "app1.localhost:" + port))
                    .onSuccess(socket -> {
                        socket.textMessageHandler(echoed::complete);
                        socket.writeTextMessage("hi");
                    })
                    .onFailure(echoed::completeExceptionally);
            Collection.mayCloseUnreferencedClients();
            assertEquals("one:hi", echoed.get(10, TimeUnit.SECONDS));
        } finally {
            client.close();
        }
    }

    @Test
    void appliesPushedUpdates() throws Exception {
        controller.route("app5.localhost", "app5", two.endpoint());
        awaitBody("app5.localhost", "two");
        controller.route("app5.localhost", "app5", one.endpoint());
        awaitBody("app5.localhost", "one");
    }

    @Test
    void keepsServingWhileTheControllerIsAwayAndReconnects() throws Exception {
        int before = controller.connections();
        controller.stop();
        Thread.sleep(700);
        assertEquals("one", RawHttp.get(port, "app1.localhost", "/").body(), "last table still serves");

        controller.route("app6.localhost", "app6", two.endpoint());
        Thread.sleep(500);
        assertEquals(404, RawHttp.get(port, "app6.localhost", "/").status(), "no controller, no new routes");

        controller.start(controllerPort);
        awaitBody("app6.localhost", "two");
        assertTrue(controller.connections() > before);
        assertEquals("one", RawHttp.get(port, "app1.localhost", "/").body());
    }

    @Test
    void requestInFlightFinishesDuringShutdown() throws Exception {
        Router second = startSecond(5000);
        int secondPort = second.port();
        CompletableFuture<RawHttp.Answer> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return RawHttp.get(secondPort, "app1.localhost", "/slow");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        CompletableFuture<Void> stopped = second.stop().toCompletionStage().toCompletableFuture();
        RawHttp.Answer answer = slow.get(10, TimeUnit.SECONDS);
        assertEquals(200, answer.status());
        assertEquals("one", answer.body());
        stopped.get(10, TimeUnit.SECONDS);
    }

    @Test
    void http2StreamInFlightFinishesAfterAGoAwayDuringShutdown() throws Exception {
        Router second = startSecond(5000);
        Path err = Files.createTempFile("paas-curl", ".err");
        try {
            Process curl = new ProcessBuilder("curl", "-sS", "-v", "--max-time", "10", "--http2-prior-knowledge",
                    "-H", "Host: app1.localhost", "http://127.0.0.1:" + second.port() + "/slow")
                    .redirectError(err.toFile()).start();
            Thread.sleep(300);
            long start = System.nanoTime();
            CompletableFuture<Void> stopped = second.stop().toCompletionStage().toCompletableFuture();
            String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(curl.waitFor(15, TimeUnit.SECONDS), "curl hangs");
            String log = Files.readString(err);
            assertEquals("one", body, log);
            assertTrue(log.toLowerCase(Locale.ROOT).contains("goaway"), "curl saw no GOAWAY: " + log);
            stopped.get(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 3000, "stopped " + ms + " ms after the call, not once its last stream was answered");
        } finally {
            Files.delete(err);
        }
    }

    @Test
    void idleHttp2ConnectionGetsGoAwayAndIsClosedAtShutdown() throws Exception {
        Router second = startSecond(5000);
        try (Socket socket = new Socket("127.0.0.1", second.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            // h2c by prior knowledge: the preface and an empty SETTINGS frame (RFC 9113 3.4, 6.5).
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            out.flush();
            while (readFrame(in)[0] != 4) {
                // until the router's SETTINGS: the connection is up and idle
            }
            long start = System.nanoTime();
            CompletableFuture<Void> stopped = second.stop().toCompletionStage().toCompletableFuture();
            int[] frame;
            do {
                frame = readFrame(in);
            } while (frame[0] != 7);
            assertEquals(0, frame[1], "GOAWAY error code NO_ERROR");
            assertEquals(-1, in.read(), "the router closes the connection after the GOAWAY");
            stopped.get(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 3000, "stopped " + ms + " ms after the call, not at once: the connection had no stream");
        }
    }

    @Test
    void openConnectionsAreCountedAndIdleOnesClosedAtOnceAtShutdown() throws Exception {
        // Two event loops: connections accepted on either are counted.
        Router second = startSecond(2, 5000);
        awaitOpenConnections(second, 0);
        List<KeepAliveClient.Conn> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                KeepAliveClient.Conn client = new KeepAliveClient.Conn(second.port());
                clients.add(client);
                client.send("GET / HTTP/1.1\r\nHost: app1.localhost\r\n\r\n");
                assertEquals("one", client.read(false).text());
            }
            awaitOpenConnections(second, 4);
            clients.remove(0).close();
            clients.remove(0).close();
            awaitOpenConnections(second, 2);
            long start = System.nanoTime();
            CompletableFuture<Void> stopped = second.stop().toCompletionStage().toCompletableFuture();
            for (KeepAliveClient.Conn client : clients) {
                assertEquals(-1, client.readByteOrTimeout(3000), "an idle keep-alive connection is closed at shutdown");
            }
            stopped.get(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 3000, "stopped " + ms + " ms after the call, not at once: no request was in flight");
        } finally {
            for (KeepAliveClient.Conn client : clients) {
                client.close();
            }
        }
    }

    @Test
    void aRequestStillRunningWhenTheGraceEndsIsCut() throws Exception {
        Router second = startSecond(300);
        try (KeepAliveClient.Conn client = new KeepAliveClient.Conn(second.port())) {
            client.send("GET /sleep/8000 HTTP/1.1\r\nHost: app1.localhost\r\n\r\n");
            Thread.sleep(200);
            long start = System.nanoTime();
            second.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(-1, client.readByteOrTimeout(5000), "the connection is closed, with no answer");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 4000, "closed " + ms + " ms after the call: the grace was 300 ms");
        }
    }

    private static void awaitOpenConnections(Router router, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String seen = null;
        while (System.nanoTime() < deadline) {
            String metrics = RawHttp.get(router.adminPort(), "localhost", "/metrics").body();
            Matcher open = OPEN_CONNECTIONS.matcher(metrics);
            seen = open.find() ? open.group(1) : metrics;
            if (String.valueOf(expected).equals(seen)) {
                return;
            }
            Thread.sleep(20);
        }
        fail("open connections: expected " + expected + ", the router says " + seen);
    }

    /** One HTTP/2 frame: {type, GOAWAY error code or 0}. */
    private static int[] readFrame(DataInputStream in) throws IOException {
        int length = (in.readUnsignedShort() << 8) | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        in.readUnsignedByte();
        in.readInt();
        byte[] payload = new byte[length];
        in.readFully(payload);
        int error = type == 7 && length >= 8 ? ByteBuffer.wrap(payload, 4, 4).getInt() : 0;
        return new int[] {type, error};
    }

    private Router startSecond(long graceMillis) throws Exception {
        return startSecond(1, graceMillis);
    }

    /** Another router on the same controller, serving app1 when it returns. */
    private Router startSecond(int eventLoops, long graceMillis) throws Exception {
        Router second = Router.start(RouterSettings.of("127.0.0.1", 0, "http://127.0.0.1:" + controllerPort,
                () -> FakeController.TOKEN, eventLoops, graceMillis)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        awaitBody(second.port(), "app1.localhost", "one");
        return second;
    }

    @Test
    void aRequestSentAsTheRouterStartsToDrainIsAnsweredOnItsKeptConnection() throws Exception {
        // The keep-alive race of a restart: the client reuses its idle connection just as the router begins to stop.
        Router second = startSecond(5000);
        try (KeepAliveClient.Conn client = new KeepAliveClient.Conn(second.port())) {
            client.send("GET / HTTP/1.1\r\nHost: app1.localhost\r\n\r\n");
            assertEquals("one", client.read(false).text());
            CompletableFuture<Void> stopped = second.stop().toCompletionStage().toCompletableFuture();
            client.send("GET / HTTP/1.1\r\nHost: app1.localhost\r\n\r\n");
            KeepAliveClient.Reply reply = client.read(false);
            assertEquals(200, reply.status(), reply.toString());
            assertEquals("one", reply.text());
            assertEquals("close", reply.header("Connection"), "the client is told to go elsewhere next");
            assertEquals(-1, client.readByteOrTimeout(3000), "then the router closes the connection");
            stopped.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondRouterOnAPortInUseIsRefused() throws Exception {
        // The proxy listens with SO_REUSEPORT (one socket per event loop): without a check a second router of the
        // same user would share the port and take half of the new connections.
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> Router.start(RouterSettings.of("127.0.0.1", port, "http://127.0.0.1:" + controllerPort,
                        () -> FakeController.TOKEN, 2, 1000)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertTrue(refused.getCause().getMessage().startsWith("port " + port + " is in use"), refused.getCause().toString());
        for (int i = 0; i < 20; i++) {
            assertEquals("one", RawHttp.get(port, "app1.localhost", "/").body(), "every new connection reaches the first router");
        }
    }

    @Test
    void answersStartingPageBeforeTheFirstTable() throws Exception {
        Router orphan = Router.start(RouterSettings.of("127.0.0.1", 0, "http://127.0.0.1:" + freePort(),
                () -> null, 1, 1000)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            RawHttp.Answer answer = RawHttp.get(orphan.port(), "app1.localhost", "/");
            assertEquals(503, answer.status());
            assertTrue(answer.body().contains("router is starting"), answer.body());
        } finally {
            orphan.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private void awaitBody(String host, String expected) throws Exception {
        awaitBody(port, host, expected);
    }

    private static void awaitBody(int routerPort, String host, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        RawHttp.Answer last = null;
        while (System.nanoTime() < deadline) {
            last = RawHttp.get(routerPort, host, "/");
            if (last.status() == 200 && expected.equals(last.body())) {
                return;
            }
            Thread.sleep(50);
        }
        fail("never got '" + expected + "' from " + host + "; last answer " + last);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
