package io.paas.router.proxy;

import io.paas.router.policy.Allowlist;

/** allowlist:add: only clients from the listed CIDRs reach the app, the others get a 403 page. */
final class AllowlistGuard implements Guard {
    @Override
    public int answer(Exchange exchange) {
        Allowlist allowlist = exchange.route.policy().allowlist();
        if (allowlist.everyone()) {
            return 0;
        }
        // The TCP peer, never X-Forwarded-For: the router is the edge, a client could write anything there.
        String address = exchange.clientAddress();
        if (allowlist.allows(address)) {
            return 0;
        }
        ErrorPages.Page page = ErrorPages.forbidden(address);
        exchange.front.answer(exchange, page.response());
        return page.status();
    }
}
