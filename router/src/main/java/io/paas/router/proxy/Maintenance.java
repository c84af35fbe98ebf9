package io.paas.router.proxy;

/** maintenance:on: every request gets the 503 maintenance page, with Retry-After, and never reaches the app. */
final class Maintenance implements Guard {
    static final String RETRY_AFTER_SECONDS = "120";

    @Override
    public int answer(Exchange exchange) {
        if (!exchange.route.policy().maintenance()) {
            return 0;
        }
        exchange.request.response().putHeader("retry-after", RETRY_AFTER_SECONDS);
        ErrorPages.Page page = ErrorPages.maintenance(exchange.route.app());
        page.send(exchange.request.response());
        return page.status();
    }
}
