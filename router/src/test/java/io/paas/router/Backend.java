package io.paas.router;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.concurrent.TimeUnit;

/** A real app process stand-in: answers its own name and echoes the headers the router should add. */
final class Backend {
    private final HttpServer server;
    final int port;

    Backend(Vertx vertx, String name) throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> {
            var response = request.response().putHeader("content-type", "text/plain");
            for (String header : new String[] {"Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
                    "X-Forwarded-Port", "X-Request-Id"}) {
                String value = request.getHeader(header);
                if (value != null) {
                    response.putHeader("Echo-" + header, value);
                }
            }
            if ("/slow".equals(request.path())) {
                vertx.setTimer(700, id -> response.end(name));
            } else {
                response.end(name);
            }
        }).webSocketHandler(socket -> socket.textMessageHandler(text -> socket.writeTextMessage(name + ":" + text)));
        port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    String endpoint() {
        return "127.0.0.1:" + port;
    }

    void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
