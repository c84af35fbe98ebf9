package io.paas.router;

import io.paas.client.Api;
import io.paas.client.ControllerClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real HTTP server speaking the controller's route stream: full table on connect and on every change. */
final class FakeController {
    static final String TOKEN = "test-service-token";

    private final Vertx vertx;
    private final io.vertx.core.Context writer;
    private final Map<String, Api.Route> routes = new LinkedHashMap<>();
    private final List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
    private final List<Api.Certificate> certificates = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, String> challenges = new java.util.TreeMap<>();
    /** Generations the routers acknowledged, in arrival order. */
    final List<Long> acks = new CopyOnWriteArrayList<>();
    private long generation;
    private HttpServer server;
    private volatile int connections;

    FakeController(Vertx vertx) {
        this.writer = vertx.getOrCreateContext();
        this.vertx = vertx;
    }

    /** Listens on port (0 = any) and answers the port. */
    int start(int port) throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/v2/routes/ack")) {
                request.body().onSuccess(body -> {
                    acks.add(body.toJsonObject().getLong("generation"));
                    request.response().setStatusCode(204).end();
                });
            } else if (!request.path().equals("/v2/routes/stream")) {
                request.response().setStatusCode(404).end();
            } else if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
                request.response().setStatusCode(401).end("{\"type\":\"unauthorized\",\"status\":401}");
            } else {
                connections++;
                HttpServerResponse response = request.response().setChunked(true)
                        .putHeader("content-type", "application/x-ndjson");
                streams.add(response);
                response.closeHandler(v -> streams.remove(response));
                response.write(line());
            }
        });
        return TestServers.listen(vertx, server, port);
    }

    /** Closes the server and every open stream, as a controller restart would. */
    void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        streams.clear();
    }

    int connections() {
        return connections;
    }

    /** Sets a host's route and pushes the new full table to every follower. */
    synchronized long route(String host, String app, String... endpoints) {
        return route(host, app, null, endpoints);
    }

    /** Sets a host's route with per-app settings (null = defaults) and pushes; answers the new generation. */
    synchronized long route(String host, String app, Api.RouteSettings settings, String... endpoints) {
        routes.put(host, new Api.Route(host, app, List.of(endpoints), settings));
        return push();
    }

    /** An ACME HTTP-01 token and its key authorization, for the routers to answer. */
    synchronized long acmeChallenge(String token, String keyAuthorization) {
        challenges.put(token, keyAuthorization);
        return push();
    }

    synchronized long certificate(Api.Certificate certificate) {
        certificates.add(certificate);
        return push();
    }

    synchronized long generation() {
        return generation;
    }

    /**
     * Writes on one context, in generation order: vertx.runOnContext from a test thread would take
     * a new context (another event loop) each time, and the lines could reach the router out of order.
     */
    private long push() {
        String line = line();
        for (HttpServerResponse stream : streams) {
            writer.runOnContext(v -> stream.write(line));
        }
        return generation;
    }

    private synchronized String line() {
        try {
            return ControllerClient.JSON.writeValueAsString(new Api.RouteTable(++generation, new ArrayList<>(routes.values()), new ArrayList<>(certificates),
                    new java.util.TreeMap<>(challenges))) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
