package io.paas.router;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.concurrent.TimeUnit;

/** The tests' own HTTP servers on 127.0.0.1, where port 0 takes a port connections reach, as the router does. */
final class TestServers {
    private static final String HOST = "127.0.0.1";

    private TestServers() {
    }

    /** The port listened on. */
    static int listen(Vertx vertx, HttpServer server, int port) throws Exception {
        // join false: these servers are not set up for SO_REUSEPORT, so the port is let go of just before.
        Future<HttpServer> listening = port != 0 ? server.listen(port, HOST)
                : AnyPort.bind(vertx, HOST, false, any -> server.listen(any, HOST));
        return listening.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }
}
