package io.paas.router.proxy;

/** A check in front of the proxy; answers the request itself (and says so) when the request must not pass. */
interface Guard {
    /** @return the status it answered with, or 0 to let the request through */
    int answer(Exchange exchange);
}
