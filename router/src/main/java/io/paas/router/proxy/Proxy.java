package io.paas.router.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;

import java.util.function.BooleanSupplier;

/**
 * One event loop's share of the router: its app connection pool, timeout sweep, access log lines
 * and forwarder. Every connection the loop serves uses only these, so a request never crosses
 * threads and nothing here needs a lock.
 */
final class Proxy {
    final RouteLookup lookup;
    final Guard[] guards;
    final Forwarder forwarder;
    final Completion completion;
    private final UpstreamPool pool;
    private final UpstreamTimeouts timeouts;
    private final AccessLog log;
    private final BooleanSupplier draining;

    Proxy(EventLoop loop, ChannelFactory<? extends Channel> channels, RouteLookup lookup, Guard[] guards, AccessLog log,
          BooleanSupplier draining) {
        this.lookup = lookup;
        this.guards = guards;
        this.log = log;
        this.draining = draining;
        this.pool = new UpstreamPool(loop, channels);
        this.timeouts = new UpstreamTimeouts();
        this.completion = new Completion(log);
        this.forwarder = new Forwarder(pool, timeouts, completion);
    }

    /** The router is shutting down: answers say Connection: close. */
    boolean draining() {
        return draining.getAsBoolean();
    }

    /** Every UpstreamTimeouts.SWEEP_MS on the loop: timeouts, idle app connections, access log lines. */
    void sweep() {
        timeouts.sweep(forwarder::expired);
        pool.sweep(System.nanoTime());
        log.flush();
    }

    void close() {
        pool.closeAll();
        log.flush();
    }
}
