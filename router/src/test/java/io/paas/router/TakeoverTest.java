package io.paas.router;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A new router taking over the ports of a running one (infra/platform.sh restart and upgrades): it joins the
 * listening sockets once its routes are in, the old one drains and stops, and clients see no failed request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TakeoverTest {
    private static final Path MIGRATE_REQUESTS = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

    private Vertx vertx;
    private FakeController controller;
    private int controllerPort;
    private Backend backend;

    @BeforeAll
    void start() throws Exception {
        // What infra/platform.sh start sets: connections queued on the old router's sockets when it closes them move to
        // the new router's instead of being reset. Without it (not root, or a kernel before 5.14) a connection that
        // arrives in that instant may fail, which is what this test looks for.
        if (Files.isWritable(MIGRATE_REQUESTS) && !"1".equals(Files.readString(MIGRATE_REQUESTS).strip())) {
            Files.writeString(MIGRATE_REQUESTS, "1");
        }
        assumeTrue(Files.isReadable(MIGRATE_REQUESTS) && "1".equals(Files.readString(MIGRATE_REQUESTS).strip()),
                "net.ipv4.tcp_migrate_req is not on and cannot be set here (not root, or a kernel before 5.14)");
        vertx = Vertx.vertx();
        backend = new Backend(vertx, "one");
        controller = new FakeController(vertx);
        controller.route("app1.localhost", "app1", backend.endpoint());
        controllerPort = controller.start(0);
    }

    @AfterAll
    void stop() throws Exception {
        controller.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aNewRouterTakesOverThePortsUnderLoadWithoutAFailedRequest() throws Exception {
        Router old = start(RouterSettings.of("127.0.0.1", 0, controllerUrl(), () -> FakeController.TOKEN, 2, 5000));
        int port = old.port();
        awaitServed(port);
        Router next = null;
        try (Load load = new Load(port)) {
            load.awaitAnswers(200);
            next = start(RouterSettings.of("127.0.0.1", port, controllerUrl(), () -> FakeController.TOKEN, 2, 5000)
                    .withTakeover(true));
            assertEquals(port, next.port());
            long before = load.answers();
            load.awaitAnswers(before + 200);
            old.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            old = null;
            long after = load.answers();
            load.awaitAnswers(after + 500);
            load.close();
            assertEquals(List.of(), load.failures(), load.answers() + " answers");
        } finally {
            if (old != null) {
                old.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            if (next != null) {
                assertEquals("one", RawHttp.get(port, "app1.localhost", "/").body(), "the new router serves alone");
                next.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aTakingOverRouterJoinsOnlyWithItsRoutes() throws Exception {
        Router old = start(RouterSettings.of("127.0.0.1", 0, controllerUrl(), () -> FakeController.TOKEN, 1, 1000));
        int silentPort = Fixture.freePort();
        CompletableFuture<Router> next = null;
        try {
            awaitServed(old.port());
            // No controller answers yet: the new router must not take a share of the connections without a table.
            next = Router.start(RouterSettings.of("127.0.0.1", old.port(), "http://127.0.0.1:" + silentPort,
                    () -> FakeController.TOKEN, 1, 1000).withTakeover(true)).toCompletionStage().toCompletableFuture();
            CompletableFuture<Router> pending = next;
            assertThrows(TimeoutException.class, () -> pending.get(3, TimeUnit.SECONDS));
            for (int i = 0; i < 20; i++) {
                assertEquals("one", RawHttp.get(old.port(), "app1.localhost", "/").body(), "no connection meets a router without routes");
            }
            assertFalse(next.isDone());
        } finally {
            if (next != null) {
                // Its controller comes: it joins with its routes, and goes with this test.
                FakeController late = new FakeController(vertx);
                late.route("app1.localhost", "app1", backend.endpoint());
                late.start(silentPort);
                next.get(30, TimeUnit.SECONDS).stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                late.stop();
            }
            old.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void takingOverNeedsANativeTransport() throws Exception {
        Router old = start(RouterSettings.of("127.0.0.1", 0, controllerUrl(), () -> FakeController.TOKEN, 1, 1000));
        try {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> Router.start(RouterSettings.of(
                    "127.0.0.1", old.port(), controllerUrl(), () -> FakeController.TOKEN, 1, 1000)
                    .withTransport("nio").withTakeover(true)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertTrue(refused.getCause().getMessage().contains("needs the epoll or io_uring transport"), refused.getCause().toString());
        } finally {
            old.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitServed(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!"one".equals(RawHttp.get(port, "app1.localhost", "/").body())) {
            assertTrue(System.nanoTime() < deadline, "the router never served app1");
            Thread.sleep(20);
        }
    }

    private String controllerUrl() {
        return "http://127.0.0.1:" + controllerPort;
    }

    private static Router start(RouterSettings settings) throws Exception {
        return Router.start(settings).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /**
     * Clients as they come: two threads opening a connection per request, two keeping theirs alive (the JDK's client,
     * which like browsers sends a GET again when a kept connection turns out closed before any answer).
     */
    private static final class Load implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong answers = new AtomicLong();
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = new ArrayList<>();
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Load(int port) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .header("Host", "app1.localhost").timeout(Duration.ofSeconds(10)).GET().build();
            for (int i = 0; i < 4; i++) {
                boolean keepAlive = i % 2 == 0;
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        try {
                            String body = keepAlive
                                    ? answer(client.send(request, HttpResponse.BodyHandlers.ofString()))
                                    : answer(RawHttp.get(port, "app1.localhost", "/"));
                            if (!"one".equals(body)) {
                                failures.add(body);
                            }
                            answers.incrementAndGet();
                        } catch (IOException e) {
                            failures.add((keepAlive ? "keep-alive: " : "new connection: ") + e);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "load-" + i);
                threads.add(thread);
                thread.start();
            }
        }

        private static String answer(HttpResponse<String> response) {
            return response.statusCode() == 200 ? response.body() : response.statusCode() + " " + response.body();
        }

        private static String answer(RawHttp.Answer answer) {
            return answer.status() == 200 ? answer.body() : answer.status() + " " + answer.body();
        }

        long answers() {
            return answers.get();
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        void awaitAnswers(long count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answers.get() < count && System.nanoTime() < deadline && failures.size() < 20) {
                Thread.sleep(10);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(15_000);
            }
        }
    }
}
