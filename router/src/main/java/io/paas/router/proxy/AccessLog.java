package io.paas.router.proxy;

import io.paas.client.Api;
import io.paas.router.LogBuffer;
import io.paas.router.logs.RequestLogShipper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One line per request, Heroku router style (key=value), batched per event loop and written through LogBuffer:
 * {@code 2026-11-27T10:00:00.123Z router: access app=web method=GET path="/" host=web.localhost status=200
 * bytes=12 ms=0.8 request_id=... fwd=127.0.0.1 endpoint=127.0.0.1:5000 protocol=http}.
 * One instance per event loop and used only from it (ProxyServer): lines gather in a builder of its
 * own, without a lock shared with the other loops, and leave in 32 KB batches or at flush() (every 100 ms).
 */
final class AccessLog {
    private static final int FLUSH_AT = 32 * 1024;
    private static final int SHIP_AT = 1_000;
    private final LogBuffer buffer;
    private final RequestLogShipper shipper;
    private final Stamp stamp = new Stamp();
    private final StringBuilder pending = new StringBuilder(FLUSH_AT + 1024);
    private List<Api.RouterLogLine> appLines = new ArrayList<>();

    /**
     * @param buffer  null: no lines on stdout (PAAS_ROUTER_ACCESS_LOG=0)
     * @param shipper null: no lines to the apps' logs (PAAS_ROUTER_APP_LOGS=0, or no controller)
     */
    AccessLog(LogBuffer buffer, RequestLogShipper shipper) {
        this.buffer = buffer;
        this.shipper = shipper;
    }

    void log(Exchange exchange, String app, String endpoint, int status, long durationNanos) {
        if (shipper != null && app != null) {
            appLines.add(new Api.RouterLogLine(app, stamp.now(), appLine(exchange, endpoint, status, durationNanos),
                    status, durationNanos / 1_000_000));
            if (appLines.size() >= SHIP_AT) {
                shipAppLines();
            }
        }
        if (buffer == null) {
            return;
        }
        String requestId = exchange.requestId;
        String clientAddress = exchange.clientAddress();
        String host = exchange.hostName;
        StringBuilder line = pending;
        line.append(stamp.now()).append(" router: access app=").append(app == null ? "-" : app)
                .append(" method=").append(exchange.method == null ? "-" : exchange.method.name())
                .append(" path=\"").append(exchange.uri == null ? "" : exchange.uri).append('"')
                .append(" host=").append(host == null ? "-" : host)
                .append(" status=").append(status)
                .append(" bytes=").append(exchange.bytesOut)
                .append(" ms=").append(durationNanos / 1_000_000).append('.').append((durationNanos / 100_000) % 10)
                .append(" request_id=").append(requestId == null ? "-" : requestId);
        line.append(" fwd=").append(clientAddress == null ? "-" : clientAddress)
                .append(" endpoint=").append(endpoint == null ? "-" : endpoint)
                .append(" protocol=").append(exchange.front.ssl ? "https" : "http").append('\n');
        if (line.length() >= FLUSH_AT) {
            flush();
        }
    }

    /** Writes the lines gathered so far; from this instance's event loop only. */
    void flush() {
        if (buffer != null && pending.length() > 0) {
            buffer.write(pending);
            pending.setLength(0);
        }
        if (!appLines.isEmpty()) {
            shipAppLines();
        }
    }

    private void shipAppLines() {
        shipper.offer(appLines);
        appLines = new ArrayList<>();
    }

    /**
     * Heroku's router line, as the app's owner reads it in paas logs:
     * {@code at=info method=GET path="/" host=web.localhost request_id=... fwd="10.0.0.1" status=200 bytes=12 service=3ms protocol=http}.
     */
    private static String appLine(Exchange exchange, String endpoint, int status, long durationNanos) {
        String clientAddress = exchange.clientAddress();
        return (status >= 500 ? "at=error" : "at=info")
                + " method=" + (exchange.method == null ? "-" : exchange.method.name())
                + " path=\"" + (exchange.uri == null ? "" : exchange.uri) + '"'
                + " host=" + (exchange.hostName == null ? "-" : exchange.hostName)
                + " request_id=" + (exchange.requestId == null ? "-" : exchange.requestId)
                + " fwd=\"" + (clientAddress == null ? "-" : clientAddress) + '"'
                + " dyno=" + (endpoint == null ? "-" : endpoint)
                + " status=" + status
                + " bytes=" + exchange.bytesOut
                + " service=" + durationNanos / 1_000_000 + "ms"
                + " protocol=" + (exchange.front.ssl ? "https" : "http");
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
