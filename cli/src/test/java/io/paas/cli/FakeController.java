package io.paas.cli;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in controller for CLI parsing and output tests only: canned JSON answers per
 * "METHOD /path", and a record of what the CLI sent. The real controller is tested end to end elsewhere.
 */
final class FakeController implements AutoCloseable {
    /** query: the raw query string, null when there is none. */
    record Request(String method, String path, String authorization, String body, String query) {
    }

    private record Answer(int status, String json) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeController() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new Request(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Authorization"), body, exchange.getRequestURI().getRawQuery()));
            Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
                    new Answer(404, "{\"type\":\"not_found\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no such thing: " + path + "\"}"));
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.status() >= 400 ? "application/problem+json" : "application/json");
            if (answer.status() == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.sendResponseHeaders(answer.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    FakeController answer(String methodAndPath, int status, String json) {
        answers.put(methodAndPath, new Answer(status, json));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Request last(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path))
                .reduce((a, b) -> b).orElse(null);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
