package io.paas.router;

import io.vertx.core.Vertx;

import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** A fake controller, two real backends and a real router on free 127.0.0.1 ports, for the feature tests. */
final class Fixture implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final FakeController controller = new FakeController(vertx);
    final Backend one;
    final Backend two;
    final Router router;

    Fixture() throws Exception {
        this("auto");
    }

    /** transport: as PAAS_ROUTER_TRANSPORT (Transports). */
    Fixture(String transport) throws Exception {
        this(transport, "jdk");
    }

    /** tlsEngine: as PAAS_ROUTER_TLS_ENGINE (jdk or openssl). */
    Fixture(String transport, String tlsEngine) throws Exception {
        one = new Backend(vertx, "one");
        two = new Backend(vertx, "two");
        int controllerPort = controller.start(0);
        router = Router.start(RouterSettings.of("127.0.0.1", 0, "http://127.0.0.1:" + controllerPort,
                () -> FakeController.TOKEN, 2, 2000).withTransport(transport).withTlsEngine(tlsEngine)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    int port() {
        return router.port();
    }

    /** Waits until the router serves generation (the table with the last change). */
    void awaitGeneration(long generation) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (router.routes().current().generation() < generation) {
            if (System.nanoTime() > deadline) {
                fail("router never applied generation " + generation);
            }
            Thread.sleep(5);
        }
    }

    void awaitBody(String host, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        RawHttp.Answer last = null;
        while (System.nanoTime() < deadline) {
            last = RawHttp.get(port(), host, "/");
            if (last.status() == 200 && expected.equals(last.body())) {
                return;
            }
            Thread.sleep(20);
        }
        fail("never got '" + expected + "' from " + host + "; last answer " + last);
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        router.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
