package io.paas.builder.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.paas.client.Api;
import io.paas.client.ControllerClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny controller: alice/token-ok may push to any app but "unknown"; each app has an id (a new
 * one after {@link #recreate}); it records the builds it gets.
 */
public class FakeController implements AutoCloseable {
    public final List<String> builds = new CopyOnWriteArrayList<>();
    /** The failed builds reported (POST .../builds/failed bodies). */
    public final List<String> failedBuilds = new CopyOnWriteArrayList<>();
    /** The outputs of released builds (PUT .../builds/{id}/output bodies). */
    public final List<String> outputs = new CopyOnWriteArrayList<>();
    /** The images the builder asked about, in order. */
    public final List<String> checkedImages = new CopyOnWriteArrayList<>();
    /** What GET docker-options answers for every app. */
    public volatile Api.DockerOptions dockerOptions = new Api.DockerOptions(Map.of(), null);
    /** Registered SSH keys: fingerprint (SHA256:...) -> user. alice's may push to any app but "unknown"; others' none. */
    public final Map<String, String> keys = new ConcurrentHashMap<>();
    private final Map<String, String> ids = new ConcurrentHashMap<>();
    private final HttpServer server;

    public FakeController() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/auth/check", this::check);
        server.createContext("/v2/apps/", this::apps);
        server.createContext("/v2/app-ids", this::appIds);
        server.createContext("/v2/images/check", this::checkImage);
        server.start();
    }

    /** The id the app has now. */
    public String idOf(String app) {
        return ids.computeIfAbsent(app, name -> UUID.randomUUID().toString());
    }

    /** The app was destroyed and a new one took its name: answers the new id. */
    public String recreate(String app) {
        ids.remove(app);
        return idOf(app);
    }

    /** The app was destroyed. */
    public void forget(String app) {
        ids.remove(app);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void check(HttpExchange exchange) throws IOException {
        if (!"Bearer service-secret".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, problem(401, "bad service token"));
            return;
        }
        JsonNode body = ControllerClient.JSON.readTree(exchange.getRequestBody());
        if (body.hasNonNull("keyFingerprint")) {
            checkKey(exchange, body);
        } else if ("unknown".equals(body.path("app").asText())) {
            answer(exchange, 404, problem(404, "no app unknown"));
        } else if ("alice".equals(body.path("username").asText()) && "token-ok".equals(body.path("token").asText())) {
            String app = body.path("app").asText();
            answer(exchange, 200, "{\"username\":\"alice\",\"app\":\"" + app + "\",\"appId\":\"" + idOf(app) + "\"}");
        } else {
            answer(exchange, 401, problem(401, "bad token"));
        }
    }

    private void checkKey(HttpExchange exchange, JsonNode body) throws IOException {
        String owner = keys.get(body.path("keyFingerprint").asText());
        String app = body.path("app").asText(null);
        if (owner == null) {
            answer(exchange, 401, problem(401, "this SSH key is not registered"));
        } else if (app == null) {
            answer(exchange, 200, "{\"username\":\"" + owner + "\"}");
        } else if ("unknown".equals(app)) {
            answer(exchange, 404, problem(404, "no app unknown"));
        } else if (!"alice".equals(owner)) {
            answer(exchange, 403, problem(403, owner + " may not push to " + app));
        } else {
            answer(exchange, 200, "{\"username\":\"alice\",\"app\":\"" + app + "\",\"appId\":\"" + idOf(app) + "\"}");
        }
    }

    /** Images whose name holds "forbidden" are refused, as the controller refuses other apps' images. */
    private void checkImage(HttpExchange exchange) throws IOException {
        JsonNode body = ControllerClient.JSON.readTree(exchange.getRequestBody());
        String image = body.path("image").asText();
        checkedImages.add(image);
        if (image.contains("forbidden")) {
            answer(exchange, 403, problem(403, "image " + image + " is another app's"));
        } else {
            answer(exchange, 200, ControllerClient.JSON.writeValueAsString(body));
        }
    }

    private void appIds(HttpExchange exchange) throws IOException {
        if (!"Bearer service-secret".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, problem(401, "bad service token"));
            return;
        }
        answer(exchange, 200, ControllerClient.JSON.writeValueAsString(List.copyOf(ids.values())));
    }

    private void apps(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/docker-options")) {
            answer(exchange, 200, ControllerClient.JSON.writeValueAsString(dockerOptions));
        } else if (path.endsWith("/config")) {
            answer(exchange, 200, "{\"values\":{\"GREETING\":\"hello world\"}}");
        } else if (path.endsWith("/buildpacks")) {
            answer(exchange, 200, "[]");
        } else if (path.endsWith("/stack")) {
            answer(exchange, 200, "{\"stack\":\"bookworm\",\"defaultStack\":\"bookworm\",\"available\":[\"bookworm\"]}");
        } else if (path.endsWith("/builds/failed") && "POST".equals(exchange.getRequestMethod())) {
            failedBuilds.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, 201, "{\"id\":\"f1\",\"status\":\"failed\"}");
        } else if (path.endsWith("/builds/b1/output") && "PUT".equals(exchange.getRequestMethod())) {
            outputs.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, 204, "");
        } else if (path.endsWith("/builds") && "POST".equals(exchange.getRequestMethod())) {
            builds.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, 201, "{\"id\":\"b1\",\"release\":3,\"url\":\"http://x.localhost:7180\"}");
        } else {
            answer(exchange, 404, problem(404, "not found"));
        }
    }

    private static String problem(int status, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"error\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
