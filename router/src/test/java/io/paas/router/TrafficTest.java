package io.paas.router;

import io.paas.client.Api;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long-lived connections, load balancing, passive health, route updates under load, metrics and acks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrafficTest {
    private Fixture fixture;

    @BeforeAll
    void start() throws Exception {
        fixture = new Fixture();
        long last = fixture.controller.route("ws.localhost", "ws", fixture.one.endpoint());
        fixture.awaitGeneration(last);
    }

    @AfterAll
    void stop() throws Exception {
        fixture.close();
    }

    private String echo(WebSocket socket, LinkedBlockingQueue<String> received, String text) throws Exception {
        socket.writeTextMessage(text);
        return received.poll(10, TimeUnit.SECONDS);
    }

    @Test
    void webSocketSurvivesRouteTableUpdates() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocketClient client = fixture.vertx.createWebSocketClient();
        try {
            io.vertx.core.Future<WebSocket> connecting = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
                    .setPort(fixture.port()).setURI("/ws").putHeader("Host", "ws.localhost"));
            Collection.mayCloseUnreferencedClients();
            WebSocket socket = connecting.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            socket.textMessageHandler(received::add);
            assertEquals("one:a", echo(socket, received, "a"));
            fixture.awaitGeneration(fixture.controller.route("other.localhost", "other", fixture.two.endpoint()));
            assertEquals("one:b", echo(socket, received, "b"), "another app's change leaves the socket alone");
            fixture.awaitGeneration(fixture.controller.route("ws.localhost", "ws", fixture.one.endpoint(), fixture.two.endpoint()));
            assertEquals("one:c", echo(socket, received, "c"), "its own app's change, endpoint still there");
            socket.close();
        } finally {
            client.close();
        }
    }

    @Test
    void serverSentEventsArriveOneByOne() throws Exception {
        fixture.awaitGeneration(fixture.controller.route("sse.localhost", "sse", fixture.one.endpoint()));
        try (Socket socket = new Socket("127.0.0.1", fixture.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /events HTTP/1.1\r\nHost: sse.localhost\r\nAccept: text/event-stream\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            List<Long> arrivals = new ArrayList<>();
            byte[] buffer = new byte[4096];
            long start = System.nanoTime();
            while (!seen.toString().contains("event 4")) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                arrivals.add((System.nanoTime() - start) / 1_000_000);
            }
            assertTrue(seen.toString().contains("text/event-stream"), seen.toString());
            assertTrue(arrivals.size() >= 4, "events came in " + arrivals.size() + " reads at " + arrivals + " ms");
            assertTrue(arrivals.get(arrivals.size() - 1) - arrivals.get(0) >= 400, "spread over time: " + arrivals);
        }
    }

    @Test
    void leastRequestsAvoidsTheBusyEndpoint() throws Exception {
        Api.RouteSettings least = new Api.RouteSettings(null, null, null, null, null, null, null, "least_requests");
        fixture.awaitGeneration(fixture.controller.route("least.localhost", "least", least,
                fixture.one.endpoint(), fixture.two.endpoint()));
        CompletableFuture<RawHttp.Answer> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return RawHttp.get(fixture.port(), "least.localhost", "/sleep/1500");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        String busy = null;
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bodies.add(RawHttp.get(fixture.port(), "least.localhost", "/").body());
        }
        busy = slow.get(10, TimeUnit.SECONDS).body();
        for (String body : bodies) {
            assertTrue(!body.equals(busy), "all fast requests avoid " + busy + ": " + bodies);
        }
    }

    @Test
    void deadEndpointIsTakenOutRetriedAndBackAfterRecovery() throws Exception {
        Backend late = new Backend(fixture.vertx, "late");
        int port = late.port;
        late.stop();
        fixture.awaitGeneration(fixture.controller.route("heal.localhost", "heal", "127.0.0.1:" + port, fixture.two.endpoint()));
        for (int i = 0; i < 6; i++) {
            RawHttp.Answer answer = RawHttp.exchange(fixture.port(), "POST /upload HTTP/1.1\r\nHost: heal.localhost\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\nhi");
            assertEquals("two:2", answer.body(), "refused before anything was sent: retried even for POST");
        }
        // The same port comes back: after the back-off it gets traffic again.
        Backend back = new BackendOnPort(fixture.vertx, "back", port).backend;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                seen = "back".equals(RawHttp.get(fixture.port(), "heal.localhost", "/").body());
                Thread.sleep(100);
            }
            assertTrue(seen, "recovered endpoint serves again");
        } finally {
            back.stop();
        }
        String metrics = RawHttp.get(fixture.router.adminPort(), "localhost", "/metrics").body();
        assertTrue(metrics.matches("(?s).*paas_router_upstream_errors_total\\{app=\"heal\"} [1-9].*"), metrics);
    }

    @Test
    void routeChangeServesWithin100msWithoutDroppingRequests() throws Exception {
        fixture.awaitGeneration(fixture.controller.route("move.localhost", "move", fixture.one.endpoint()));
        fixture.awaitBody("move.localhost", "one");
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<List<Integer>>> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            workers.add(load.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                while (running.get() && statuses.size() < 2000) {
                    statuses.add(RawHttp.get(fixture.port(), "move.localhost", "/").status());
                }
                return statuses;
            }));
        }
        Thread.sleep(200);
        long pushed = System.nanoTime();
        fixture.controller.route("move.localhost", "move", fixture.two.endpoint());
        long servedMs = -1;
        while (System.nanoTime() - pushed < TimeUnit.SECONDS.toNanos(5)) {
            if ("two".equals(RawHttp.get(fixture.port(), "move.localhost", "/").body())) {
                servedMs = (System.nanoTime() - pushed) / 1_000_000;
                break;
            }
        }
        Thread.sleep(200);
        running.set(false);
        int total = 0;
        for (Future<List<Integer>> worker : workers) {
            for (int status : worker.get(30, TimeUnit.SECONDS)) {
                assertEquals(200, status);
                total++;
            }
        }
        load.shutdown();
        // The 100 ms goal is a figure to report (printed below), not an assertion: on a loaded CI
        // machine timing is noise. What must hold: the change is applied and no request fails.
        assertTrue(servedMs >= 0, "the new endpoint was not served within 5 s");
        assertTrue(total > 20, "load ran: " + total);
        long generation = fixture.controller.generation();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!fixture.controller.acks.contains(generation) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(fixture.controller.acks.contains(generation), "acked " + generation + ": " + fixture.controller.acks);
        System.out.println("route change served after " + servedMs + " ms, " + total + " requests all 200");
    }

    @Test
    void metricsOnTheAdminPort() throws Exception {
        RawHttp.get(fixture.port(), "ws.localhost", "/");
        RawHttp.Answer answer = RawHttp.get(fixture.router.adminPort(), "localhost", "/metrics");
        assertEquals(200, answer.status());
        String text = answer.body();
        assertTrue(text.contains("paas_router_requests_total{app=\"ws\",status=\"2xx\"}"), text);
        assertTrue(text.contains("paas_router_request_duration_seconds_bucket{app=\"ws\",le=\"+Inf\"}"), text);
        assertTrue(text.contains("paas_router_open_connections "), text);
        assertTrue(text.matches("(?s).*paas_router_route_table_generation [1-9].*"), text);
    }

    /** A backend on a given port (the one a dead endpoint had). */
    private static final class BackendOnPort {
        final Backend backend;

        BackendOnPort(io.vertx.core.Vertx vertx, String name, int port) throws Exception {
            backend = Backend.onPort(vertx, name, port);
        }
    }
}
