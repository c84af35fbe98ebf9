package io.paas.router.proxy;

import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * The read timeout (to the app's first byte) and the idle timeout (silence inside a streamed body)
 * of one event loop's requests in flight, checked by one periodic sweep instead of a timer per
 * request. Why not HttpClientRequest.idleTimeout: Vert.x cancels that timer when the response head
 * arrives, but one armed after the head is never cancelled and keeps the whole exchange (request,
 * response, headers, pool lease) reachable for its full window; at 20k requests/s and a 55 s window
 * that filled the heap and the router spent its time in full GCs. A timer per request also costs
 * several allocations and map updates the sweep does not. Precision: one sweep period.
 *
 * Not thread-safe: used only from its event loop.
 */
final class UpstreamTimeouts {
    static final long SWEEP_MS = 100;

    /** Sentinel of the circular list of watched requests. */
    private final Watch head = new Watch(null, null);
    private final List<Watch> expired = new ArrayList<>();

    UpstreamTimeouts() {
        head.prev = head;
        head.next = head;
    }

    /** From now on, the request has readTimeoutMs to bring the first byte of its answer. */
    Watch awaitAnswer(HttpClientRequest upstream, HttpServerResponse response, int readTimeoutMs) {
        Watch watch = new Watch(upstream, response);
        watch.windowNanos = readTimeoutMs * 1_000_000L;
        watch.deadlineNanos = System.nanoTime() + watch.windowNanos;
        link(watch);
        return watch;
    }

    /** The head arrived: from now on the body may pause for at most idleTimeoutMs between bytes. */
    void streaming(Watch watch, int idleTimeoutMs) {
        watch.streaming = true;
        watch.lastBytes = watch.response.bytesWritten();
        watch.windowNanos = idleTimeoutMs * 1_000_000L;
        watch.deadlineNanos = System.nanoTime() + watch.windowNanos;
    }

    /** The exchange is over (answered, failed or abandoned): nothing left to time out. */
    void done(Watch watch) {
        if (watch.prev != null) {
            watch.prev.next = watch.next;
            watch.next.prev = watch.prev;
            watch.prev = null;
            watch.next = null;
        }
    }

    /** Called every SWEEP_MS: resets the app requests whose window has passed. */
    void sweep() {
        long now = System.nanoTime();
        Watch watch = head.next;
        while (watch != head) {
            Watch next = watch.next;
            if (watch.streaming) {
                long bytes = watch.response.bytesWritten();
                if (bytes != watch.lastBytes) {
                    watch.lastBytes = bytes;
                    watch.deadlineNanos = now + watch.windowNanos;
                }
            }
            if (now - watch.deadlineNanos >= 0) {
                done(watch);
                watch.expired = true;
                expired.add(watch);
            }
            watch = next;
        }
        // Reset after the walk: a reset runs the exchange's handlers, which may retry and change the list.
        for (int i = 0; i < expired.size(); i++) {
            // The answer future (or the pipe) fails with this reset; the Forwarder turns it into 504 or a cut.
            expired.get(i).upstream.reset();
        }
        expired.clear();
    }

    private void link(Watch watch) {
        watch.prev = head.prev;
        watch.next = head;
        head.prev.next = watch;
        head.prev = watch;
    }

    /** One request's place in the sweep. */
    static final class Watch {
        private final HttpClientRequest upstream;
        private final HttpServerResponse response;
        private Watch prev;
        private Watch next;
        private boolean streaming;
        private boolean expired;
        private long windowNanos;
        private long deadlineNanos;
        private long lastBytes;

        private Watch(HttpClientRequest upstream, HttpServerResponse response) {
            this.upstream = upstream;
            this.response = response;
        }

        /** True when the sweep reset the request because its window passed. */
        boolean expired() {
            return expired;
        }
    }
}
