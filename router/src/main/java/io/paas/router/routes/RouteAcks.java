package io.paas.router.routes;

import io.paas.client.Api;
import io.paas.client.ControllerClient;
import io.paas.router.Log;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.function.Supplier;

/**
 * Tells the controller which table generation this router serves (POST /v2/routes/ack): at once
 * after each swap, since a deploy waits for it before stopping old containers, and again every
 * 10 s as a heartbeat so the controller knows which routers are alive.
 */
public final class RouteAcks {
    static final long HEARTBEAT_MS = 10_000;

    private final Vertx vertx;
    private final HttpClient client;
    private final String ackUrl;
    private final String routerId;
    private final Supplier<String> serviceToken;
    private final LiveRoutes routes;
    private long timer = -1;
    private String lastProblem;

    public RouteAcks(Vertx vertx, HttpClient client, String controllerUrl, String routerId,
                     Supplier<String> serviceToken, LiveRoutes routes) {
        this.vertx = vertx;
        this.client = client;
        this.ackUrl = controllerUrl + "/v2/routes/ack";
        this.routerId = routerId;
        this.serviceToken = serviceToken;
        this.routes = routes;
    }

    public void start() {
        timer = vertx.setPeriodic(HEARTBEAT_MS, id -> {
            RouteTable current = routes.current();
            if (current.loaded()) {
                ack(current.generation());
            }
        });
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public void ack(long generation) {
        Buffer body;
        try {
            body = Buffer.buffer(ControllerClient.JSON.writeValueAsBytes(new Api.RouteAck(routerId, generation)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(ackUrl)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").setTimeout(5000);
        String token = serviceToken.get();
        if (token != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(response.statusCode()))
                .onComplete(result -> {
                    String problem = result.failed() ? result.cause().getMessage()
                            : result.result() >= 300 ? "HTTP " + result.result() : null;
                    // One line per distinct problem: a controller without the ack endpoint must not flood the log.
                    if (problem != null && !problem.equals(lastProblem)) {
                        Log.info("cannot acknowledge route generation " + generation + " to " + ackUrl + " (" + problem + ")");
                    }
                    lastProblem = problem;
                });
    }
}
