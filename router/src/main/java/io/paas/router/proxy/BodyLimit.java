package io.paas.router.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;

/**
 * The app's maximum request body: a declared Content-Length over it is refused before anything
 * reaches the app; a chunked body is counted while it streams (Forwarder.body).
 */
final class BodyLimit implements Guard {
    @Override
    public int answer(Exchange exchange) {
        long max = exchange.route.policy().maxBodyBytes();
        if (max <= 0) {
            return 0;
        }
        String length = exchange.request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length == null) {
            return 0;
        }
        long declared;
        try {
            declared = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            declared = Long.MAX_VALUE;
        }
        if (declared <= max) {
            return 0;
        }
        ErrorPages.Page page = ErrorPages.tooLarge(max);
        exchange.front.answer(exchange, page.response());
        return page.status();
    }
}
