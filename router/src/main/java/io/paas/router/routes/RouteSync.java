package io.paas.router.routes;

import io.paas.client.Api;
import io.paas.client.ControllerClient;
import io.paas.router.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Follows the controller's route stream (NDJSON, one full table per line) and installs each table.
 * Runs on one Vert.x context, so no locks: while the controller is away it retries with backoff and
 * the last table keeps serving.
 */
public final class RouteSync {
    static final long FIRST_RETRY_MS = 200;
    static final long MAX_RETRY_MS = 5000;
    static final int INLINE_PARSE_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final Context context;
    private final String streamUrl;
    private final Supplier<String> serviceToken;
    private final LiveRoutes routes;
    private final RouteTables tables;
    private final HttpClient client;
    private final RouteAcks acks;
    private final Consumer<RouteTable> installed;

    private long retryMs = FIRST_RETRY_MS;
    private long retryTimer = -1;
    private boolean stopped;
    private Connection connection;
    private String lastProblem;
    /** Tables being parsed on a worker: while any is, later ones queue behind it to keep stream order. */
    private int parsing;

    /** installed runs on the sync's context after each swap (metrics, logs). */
    public RouteSync(Vertx vertx, String controllerUrl, String routerId, Supplier<String> serviceToken,
                     LiveRoutes routes, RouteTables tables, Consumer<RouteTable> installed) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.streamUrl = stripSlash(controllerUrl) + "/v2/routes/stream";
        this.serviceToken = serviceToken;
        this.routes = routes;
        this.tables = tables;
        this.installed = installed;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5000).setName("paas-route-sync"));
        this.acks = new RouteAcks(vertx, client, stripSlash(controllerUrl), routerId, serviceToken, routes);
    }

    public void start() {
        context.runOnContext(v -> {
            connect();
            acks.start();
        });
    }

    public void stop() {
        context.runOnContext(v -> {
            stopped = true;
            acks.stop();
            if (retryTimer >= 0) {
                vertx.cancelTimer(retryTimer);
            }
            client.close();
        });
    }

    private void connect() {
        if (stopped) {
            return;
        }
        Connection attempt = new Connection();
        connection = attempt;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(streamUrl)
                .putHeader(HttpHeaders.ACCEPT, "application/x-ndjson");
        String token = serviceToken.get();
        if (token != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        client.request(options)
                .compose(request -> request.send())
                .onSuccess(response -> follow(attempt, response))
                .onFailure(error -> attempt.lost("cannot reach the controller at " + streamUrl + " (" + describe(error) + ")"));
    }

    private void follow(Connection attempt, HttpClientResponse response) {
        if (response.statusCode() != 200) {
            int status = response.statusCode();
            response.body().onComplete(body -> attempt.lost(status == 401 || status == 403
                    ? "the controller rejected the service token (HTTP " + status + "); check PAAS_ROUTER_TOKEN or $PAAS_HOME/secrets/router-token"
                    : "the controller answered HTTP " + status + " on " + streamUrl));
            return;
        }
        RecordParser lines = RecordParser.newDelimited("\n", line -> apply(attempt, line));
        response.handler(lines);
        response.exceptionHandler(error -> attempt.lost("route stream broke (" + describe(error) + ")"));
        response.endHandler(v -> attempt.lost("the controller closed the route stream"));
    }

    private void apply(Connection attempt, Buffer line) {
        if (attempt != connection || stopped || line.length() == 0) {
            return;
        }
        // Parsing a big table (and Jackson's first-use warm-up, seconds on a busy machine) must not
        // stall an event loop that also proxies; ordered, so tables are installed in stream order.
        if (parsing == 0 && routes.current().loaded() && line.length() < INLINE_PARSE_BYTES && !line.toString().contains("BEGIN")) {
            // A small table without keys parses in microseconds once Jackson is warm: no worker hop,
            // which keeps a change well inside the 100 ms a deploy waits for.
            try {
                install(tables.build(ControllerClient.JSON.readValue(line.getBytes(), Api.RouteTable.class)));
            } catch (Exception error) {
                Log.info("ignored an unreadable route table line: " + error.getMessage());
            }
            return;
        }
        parsing++;
        context.executeBlocking(() -> tables.build(ControllerClient.JSON.readValue(line.getBytes(), Api.RouteTable.class)), true)
                .onComplete(done -> parsing--)
                .onSuccess(this::install)
                .onFailure(error -> Log.info("ignored an unreadable route table line: " + error.getMessage()));
    }

    private void install(RouteTable next) {
        if (stopped) {
            return;
        }
        RouteTable previous = routes.swap(next);
        // Ack first: a deploy is waiting on it to stop the old containers.
        acks.ack(next.generation());
        installed.accept(next);
        retryMs = FIRST_RETRY_MS;
        if (lastProblem != null || !previous.loaded()) {
            Log.info("following routes from " + streamUrl + " (generation " + next.generation() + ", "
                    + next.size() + " hosts)");
            lastProblem = null;
        }
        for (String change : next.changesSince(previous)) {
            Log.info("route " + change + " (generation " + next.generation() + ")");
        }
    }

    private void scheduleRetry(String problem) {
        if (stopped) {
            return;
        }
        // One line per distinct problem: an outage of minutes must not flood the log.
        if (!problem.equals(lastProblem)) {
            Log.info(problem + "; retrying, serving the last " + (routes.current().loaded()
                    ? "table (generation " + routes.current().generation() + ")" : "table (none yet)"));
            lastProblem = problem;
        }
        long delay = retryMs;
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        retryTimer = vertx.setTimer(delay, id -> {
            retryTimer = -1;
            connect();
        });
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** One connection attempt; whichever of end, error or failure comes first schedules the single retry. */
    private final class Connection {
        private boolean over;

        void lost(String problem) {
            if (over || attempt() != this) {
                return;
            }
            over = true;
            scheduleRetry(problem);
        }

        private Connection attempt() {
            return connection;
        }
    }
}
