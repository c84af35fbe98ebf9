package io.paas.router.proxy;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.paas.router.routes.AppRoute;
import io.paas.router.routes.Endpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * One client request on its way through the router: where it came from, which app connection
 * carries it, how far the answer got, and what the access log and metrics need at the end. It is
 * also its own entry in the event loop's timeout sweep (UpstreamTimeouts), so a request costs one
 * object of ours. Used only from its event loop.
 */
final class Exchange {
    final FrontDoor front;
    final HttpRequest request;
    final AppRoute route;
    final long startNanos;
    final String requestId;
    /** The client's Host header as sent, and its host part (port dropped) for routing, redirects and the log. */
    final String host;
    final String hostName;
    final HttpMethod method;
    final String uri;
    /** The client keeps the connection after this answer (HTTP/1.1 without Connection: close, or HTTP/2). */
    boolean clientKeepAlive;
    final boolean hasBody;
    final boolean upgrade;
    /** An HTTP/1.0 client: no chunked answers, the connection closes after the answer. */
    boolean clientHttp10;

    Endpoint endpoint;
    int attempts;
    /** The app connection carrying the request now, or null (connecting, answered, failed). */
    Upstream upstream;
    /** Body parts that arrived before an app connection was ready: sent, in order, once it is. */
    List<HttpContent> waiting;
    /** The client's body is fully read / fully sent to the app. */
    boolean requestRead;
    boolean requestSent;
    long bodyBytes;
    /** The answer's head went to the client: a failure from now on can only cut the connection. */
    boolean headSent;
    /** A 1xx interim answer (100 Continue) is passing: its end is not the end of the exchange. */
    boolean interim;
    boolean appKeepAlive;
    int status;
    long bytesOut;
    private boolean done;
    private boolean released;

    // Timeout sweep: a circular list per event loop (see UpstreamTimeouts).
    Exchange prev;
    Exchange next;
    boolean streaming;
    long windowNanos;
    long deadlineNanos;
    long lastBytes;

    Exchange(FrontDoor front, HttpRequest request, AppRoute route, long startNanos, String requestId, String host,
             String hostName, boolean clientKeepAlive, boolean hasBody, boolean upgrade) {
        this.front = front;
        this.request = request;
        this.route = route;
        this.startNanos = startNanos;
        this.requestId = requestId;
        this.host = host;
        this.hostName = hostName;
        this.method = request == null ? null : request.method();
        this.uri = request == null ? null : request.uri();
        this.clientKeepAlive = clientKeepAlive;
        this.hasBody = hasBody;
        this.upgrade = upgrade;
    }

    /** The sweep's list head: an exchange of nobody. */
    static Exchange sentinel() {
        return new Exchange(null, null, null, 0, null, null, null, false, false, false);
    }

    String clientAddress() {
        return front.clientAddress();
    }

    void keepWaiting(HttpContent content) {
        if (waiting == null) {
            waiting = new ArrayList<>(4);
        }
        waiting.add(content);
    }

    void releaseWaiting() {
        if (waiting != null) {
            for (HttpContent content : waiting) {
                content.release();
            }
            waiting = null;
        }
    }

    /** Lets go of the request head (a full request holds a buffer) and any body parts kept; once, whatever ends it. */
    void release() {
        if (!released) {
            released = true;
            if (request != null) {
                ReferenceCountUtil.release(request);
            }
        }
        releaseWaiting();
    }

    /** The first call wins: a late failure after the answer was sent must not count the request twice. */
    boolean finish() {
        if (done) {
            return false;
        }
        done = true;
        return true;
    }

    boolean finished() {
        return done;
    }
}
