package io.paas.router.proxy;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;

/**
 * Streams a body of unknown length (chunked) to the app while counting it; past the app's maximum
 * the upstream request is reset and the exchange fails with TooLarge, which answers 413.
 */
final class BoundedBody {
    private BoundedBody() {
    }

    static Future<HttpClientResponse> send(HttpServerRequest request, HttpClientRequest upstream, long max) {
        long[] seen = {0};
        boolean[] over = {false};
        upstream.setChunked(true);
        request.handler(chunk -> {
            if (over[0]) {
                return;
            }
            seen[0] += chunk.length();
            if (seen[0] > max) {
                over[0] = true;
                request.pause();
                upstream.reset(0, new TooLarge());
                return;
            }
            upstream.write(chunk);
            if (upstream.writeQueueFull()) {
                request.pause();
                upstream.drainHandler(v -> request.resume());
            }
        });
        request.endHandler(v -> {
            if (!over[0]) {
                upstream.end();
            }
        });
        request.resume();
        return upstream.response().recover(error -> Future.failedFuture(over[0] ? new TooLarge() : error));
    }

    /** The body went past the app's maximum request size. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("request body too large", null, false, false);
        }
    }
}
