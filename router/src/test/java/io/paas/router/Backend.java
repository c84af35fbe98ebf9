package io.paas.router;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real app process stand-in: answers its own name and echoes the headers the router should add;
 * /slow and /sleep/MS answer late, /events?count=N streams N (default 5) server-sent events 150 ms apart, POST /upload counts the body,
 * WebSocket messages are echoed with the name in front.
 */
final class Backend {
    private final HttpServer server;
    final int port;
    final AtomicInteger requests = new AtomicInteger();

    Backend(Vertx vertx, String name) throws Exception {
        this(vertx, name, 0);
    }

    static Backend onPort(Vertx vertx, String name, int port) throws Exception {
        return new Backend(vertx, name, port);
    }

    private Backend(Vertx vertx, String name, int listenPort) throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> {
            requests.incrementAndGet();
            var response = request.response().putHeader("content-type", "text/plain");
            for (String header : new String[] {"Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
                    "X-Forwarded-Port", "X-Request-Id", "Via"}) {
                String value = request.getHeader(header);
                if (value != null) {
                    response.putHeader("Echo-" + header, value);
                }
            }
            String path = request.path();
            if ("/slow".equals(path)) {
                vertx.setTimer(700, id -> response.end(name));
            } else if (path.startsWith("/sleep/")) {
                vertx.setTimer(Long.parseLong(path.substring(7)), id -> response.end(name));
            } else if ("/events".equals(path)) {
                response.putHeader("content-type", "text/event-stream").setChunked(true);
                int count = Integer.parseInt(request.params().get("count") == null ? "5" : request.params().get("count"));
                int[] sent = {0};
                vertx.setPeriodic(150, id -> {
                    response.write("data: event " + sent[0] + "\n\n");
                    if (++sent[0] == count) {
                        vertx.cancelTimer(id);
                        response.end();
                    }
                });
            } else if ("/stall".equals(path)) {
                // One chunk, then silence: only the router's idle timeout ends this answer.
                response.setChunked(true).write("first\n");
            } else if ("/chunks".equals(path)) {
                // An answer of unknown length: several chunks, a little apart.
                response.setChunked(true);
                int[] sent = {0};
                vertx.setPeriodic(20, id -> {
                    if (sent[0] == 4) {
                        vertx.cancelTimer(id);
                        response.end("end");
                    } else {
                        response.write("chunk" + sent[0]++ + "-");
                    }
                });
            } else if (path.startsWith("/big/")) {
                int size = Integer.parseInt(path.substring(5));
                byte[] bytes = new byte[size];
                for (int i = 0; i < size; i++) {
                    bytes[i] = (byte) (i % 251);
                }
                response.putHeader("content-type", "application/octet-stream").end(io.vertx.core.buffer.Buffer.buffer(bytes));
            } else if ("/continue".equals(path)) {
                // An app that answers Expect: 100-continue itself, as many servers do.
                response.writeContinue();
                request.body().onSuccess(body -> response.end(name + ":" + body.length()));
            } else if ("/hop".equals(path)) {
                response.putHeader("Connection", "close, X-Secret").putHeader("X-Secret", "1").end(name);
            } else if ("/headers".equals(path)) {
                // The request header names the app received, one a line, lower case.
                StringBuilder names = new StringBuilder();
                request.headers().names().forEach(n -> names.append(n.toLowerCase(java.util.Locale.ROOT)).append('\n'));
                response.end(names.toString());
            } else if ("/upload".equals(path)) {
                request.body().onSuccess(body -> response.end(name + ":" + body.length()));
            } else {
                response.end(name);
            }
        }).webSocketHandler(socket -> socket.textMessageHandler(text -> socket.writeTextMessage(name + ":" + text)));
        port = TestServers.listen(vertx, server, listenPort);
    }

    String endpoint() {
        return "127.0.0.1:" + port;
    }

    void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
