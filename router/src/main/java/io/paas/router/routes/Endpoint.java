package io.paas.router.routes;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One app process address with its passive health: it lives across route tables (see Endpoints),
 * so an endpoint taken out stays out, and its in-flight count stays right, while tables change.
 */
public final class Endpoint {
    static final long FIRST_BACKOFF_MS = 1000;
    static final long MAX_BACKOFF_MS = 30_000;

    private final String name;
    private final InetSocketAddress socketAddress;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long downUntilNanos;
    private volatile int failures;

    Endpoint(String name, InetSocketAddress socketAddress) {
        this.name = name;
        this.socketAddress = socketAddress;
    }

    public String name() {
        return name;
    }

    /** The address to connect to. */
    public InetSocketAddress socketAddress() {
        return socketAddress;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public void started() {
        inFlight.incrementAndGet();
    }

    public void finished() {
        inFlight.decrementAndGet();
    }

    /** False while taken out; after the back-off one request tries it again (time-based recovery). */
    public boolean available(long nowNanos) {
        return failures == 0 || nowNanos - downUntilNanos >= 0;
    }

    /** The endpoint refused or broke a connection: out for 1 s, doubling while it keeps failing, up to 30 s. */
    public void failed(long nowNanos) {
        int count = failures + 1;
        failures = count;
        long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(count - 1, 5));
        downUntilNanos = nowNanos + backoff * 1_000_000L;
    }

    /** A connection worked: back in rotation. Volatile read first so the hot path does not write. */
    public void succeeded() {
        if (failures != 0) {
            failures = 0;
        }
    }

    public boolean down() {
        return failures != 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
