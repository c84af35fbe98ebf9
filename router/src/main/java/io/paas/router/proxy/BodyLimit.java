package io.paas.router.proxy;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;

/**
 * The app's maximum request body: a declared Content-Length over it is refused before anything
 * reaches the app; a chunked body is counted while it streams (Forwarder, via exceeded()).
 */
final class BodyLimit implements Guard {
    @Override
    public int answer(Exchange exchange) {
        long max = exchange.route.policy().maxBodyBytes();
        if (max <= 0) {
            return 0;
        }
        String length = exchange.request.getHeader(HttpHeaders.CONTENT_LENGTH);
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
        return refuse(exchange);
    }

    static int refuse(Exchange exchange) {
        ErrorPages.Page page = ErrorPages.tooLarge(exchange.route.policy().maxBodyBytes());
        // The body is not read: close afterwards rather than drain megabytes nobody wants.
        if (exchange.request.version() != HttpVersion.HTTP_2) {
            exchange.request.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        page.send(exchange.request.response());
        return page.status();
    }
}
