package io.paas.router.proxy;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;

/** maintenance:on: every request gets the 503 maintenance page, with Retry-After, and never reaches the app. */
final class Maintenance implements Guard {
    static final String RETRY_AFTER_SECONDS = "120";

    @Override
    public int answer(Exchange exchange) {
        if (!exchange.route.policy().maintenance()) {
            return 0;
        }
        ErrorPages.Page page = ErrorPages.maintenance(exchange.route.app());
        FullHttpResponse response = page.response();
        response.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        exchange.front.answer(exchange, response);
        return page.status();
    }
}
