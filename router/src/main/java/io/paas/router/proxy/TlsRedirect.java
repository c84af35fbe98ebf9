package io.paas.router.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.util.function.IntSupplier;

/** tls:enforce: a plain-HTTP request is sent to the same URL over HTTPS (301); HTTPS answers carry HSTS. */
final class TlsRedirect implements Guard {
    private final IntSupplier tlsPort;

    /** tlsPort: the port users reach HTTPS on (443 is left out of the URL). */
    TlsRedirect(IntSupplier tlsPort) {
        this.tlsPort = tlsPort;
    }

    @Override
    public int answer(Exchange exchange) {
        if (!exchange.route.policy().tlsEnforce() || exchange.front.ssl) {
            return 0;
        }
        String host = exchange.hostName;
        int port = tlsPort.getAsInt();
        String location = "https://" + (host == null ? exchange.route.host() : host)
                + (port == 443 || port <= 0 ? "" : ":" + port) + exchange.uri;
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.MOVED_PERMANENTLY,
                Unpooled.EMPTY_BUFFER);
        response.headers().set(HttpHeaderNames.LOCATION, location)
                .set(HttpHeaderNames.CONTENT_LENGTH, "0")
                .set(ErrorPages.ROUTER_HEADER, "1");
        exchange.front.answer(exchange, response);
        return 301;
    }
}
