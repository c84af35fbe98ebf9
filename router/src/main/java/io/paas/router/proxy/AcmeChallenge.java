package io.paas.router.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.paas.router.routes.LiveRoutes;

import java.nio.charset.StandardCharsets;

/**
 * ACME HTTP-01 (paas certs:auto): the CA fetches http://DOMAIN/.well-known/acme-challenge/TOKEN and the router
 * answers the key authorization the controller put in the route table. First of the guards: neither a TLS
 * redirect, maintenance, an allowlist nor the app itself may stand between the CA and the answer.
 */
final class AcmeChallenge implements Guard {
    static final String PREFIX = "/.well-known/acme-challenge/";

    private final LiveRoutes routes;

    AcmeChallenge(LiveRoutes routes) {
        this.routes = routes;
    }

    @Override
    public int answer(Exchange exchange) {
        if (!exchange.uri.startsWith(PREFIX) || exchange.method != HttpMethod.GET && exchange.method != HttpMethod.HEAD) {
            return 0;
        }
        String answer = routes.current().acmeChallenge(exchange.uri.substring(PREFIX.length()));
        if (answer == null) {
            return 0; // not one of ours: the app may answer its own challenges
        }
        byte[] body = answer.getBytes(StandardCharsets.US_ASCII);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                exchange.method == HttpMethod.HEAD ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                .set(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .set(ErrorPages.ROUTER_HEADER, "1");
        exchange.front.answer(exchange, response);
        return 200;
    }
}
