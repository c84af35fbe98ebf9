package io.paas.router.logs;

import io.paas.client.Api;
import io.paas.client.ControllerClient;
import io.paas.router.Log;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sends the router's line for each request to the controller, for the app's log
 * (POST /v2/routes/logs), in batches every quarter second. It never slows a request: the event
 * loops hand their lines over in batches, at most {@link #MAX_QUEUED} wait, and past that (a
 * controller that is down or slow) lines are dropped and counted, not kept.
 */
public final class RequestLogShipper {
    static final int MAX_QUEUED = 20_000;
    static final int BATCH = 2_000;
    static final long EVERY_MS = 250;

    private final Vertx vertx;
    private final HttpClient client;
    private final String url;
    private final Supplier<String> serviceToken;
    private final Queue<Api.RouterLogLine> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private boolean sending;
    private long timer = -1;
    private String lastProblem;

    public RequestLogShipper(Vertx vertx, String controllerUrl, Supplier<String> serviceToken) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5000).setName("paas-request-logs"));
        this.url = controllerUrl.replaceAll("/+$", "") + "/v2/routes/logs";
        this.serviceToken = serviceToken;
    }

    /** From any event loop: the lines join the queue, or are counted as dropped when it is full. */
    public void offer(List<Api.RouterLogLine> lines) {
        for (Api.RouterLogLine line : lines) {
            if (queued.get() >= MAX_QUEUED) {
                dropped.incrementAndGet();
                continue;
            }
            queue.add(line);
            queued.incrementAndGet();
        }
    }

    /** Lines dropped since the start because the controller did not take them fast enough. */
    public long dropped() {
        return dropped.get();
    }

    public void start() {
        timer = vertx.setPeriodic(EVERY_MS, id -> ship());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        client.close();
    }

    /** On the timer's context: one request at a time, so a slow controller is not sent a pile of them. */
    private void ship() {
        if (sending || queue.isEmpty()) {
            return;
        }
        List<Api.RouterLogLine> batch = new ArrayList<>(Math.min(BATCH, queued.get()));
        Api.RouterLogLine line;
        while (batch.size() < BATCH && (line = queue.poll()) != null) {
            queued.decrementAndGet();
            batch.add(line);
        }
        Buffer body;
        try {
            body = Buffer.buffer(ControllerClient.JSON.writeValueAsBytes(batch));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").setTimeout(5000);
        String token = serviceToken.get();
        if (token != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        sending = true;
        client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(response.statusCode()))
                .onComplete(result -> {
                    sending = false;
                    String problem = result.failed() ? result.cause().getMessage()
                            : result.result() >= 300 ? "HTTP " + result.result() : null;
                    if (problem != null) {
                        dropped.addAndGet(batch.size());
                    }
                    // One line per distinct problem: a controller that is down must not flood the log.
                    if (problem != null && !problem.equals(lastProblem)) {
                        Log.info("cannot send " + batch.size() + " request lines to " + url + " (" + problem
                                + "); they are dropped");
                    }
                    lastProblem = problem;
                    if (queued.get() >= BATCH) {
                        vertx.runOnContext(v -> ship());
                    }
                });
    }
}
