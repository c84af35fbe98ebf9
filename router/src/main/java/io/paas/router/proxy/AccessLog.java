package io.paas.router.proxy;

import io.paas.router.LogBuffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.time.Instant;

/**
 * One line per request, Heroku router style (key=value), batched through LogBuffer:
 * {@code 2026-11-27T10:00:00.123Z router: access app=web method=GET path="/" host=web.localhost status=200
 * bytes=12 ms=0.8 request_id=... fwd=127.0.0.1 endpoint=127.0.0.1:5000 protocol=http}.
 */
final class AccessLog {
    private static final ThreadLocal<Stamp> STAMPS = ThreadLocal.withInitial(Stamp::new);
    private final LogBuffer buffer;

    /** buffer null: logging off (PAAS_ROUTER_ACCESS_LOG=0). */
    AccessLog(LogBuffer buffer) {
        this.buffer = buffer;
    }

    void log(HttpServerRequest request, String app, String endpoint, String requestId, int status, long bytes,
             long durationNanos) {
        if (buffer == null) {
            return;
        }
        StringBuilder line = new StringBuilder(256);
        line.append(STAMPS.get().now()).append(" router: access app=").append(app == null ? "-" : app)
                .append(" method=").append(request.method().name())
                .append(" path=\"").append(request.uri()).append('"')
                .append(" host=").append(request.authority() == null ? "-" : request.authority().host())
                .append(" status=").append(status)
                .append(" bytes=").append(bytes)
                .append(" ms=").append(durationNanos / 1_000_000).append('.').append((durationNanos / 100_000) % 10)
                .append(" request_id=").append(requestId == null ? "-" : requestId);
        SocketAddress client = request.remoteAddress();
        line.append(" fwd=").append(client == null ? "-" : client.hostAddress())
                .append(" endpoint=").append(endpoint == null ? "-" : endpoint)
                .append(" protocol=").append(request.isSSL() ? "https" : "http");
        buffer.append(line);
    }

    /** Instant.toString costs more than the rest of the line: format once per millisecond and thread. */
    private static final class Stamp {
        private long millis = -1;
        private String text;

        String now() {
            long current = System.currentTimeMillis();
            if (current != millis) {
                millis = current;
                text = Instant.ofEpochMilli(current).toString();
            }
            return text;
        }
    }
}
