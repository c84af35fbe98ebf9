package io.paas.router.routes;

/** The table in use right now; readers never lock, the sync swaps in whole new tables. */
public final class LiveRoutes {
    private volatile RouteTable current = RouteTable.NOT_LOADED;

    public RouteTable current() {
        return current;
    }

    /** Installs the next table and answers the one it replaced. */
    public RouteTable swap(RouteTable next) {
        RouteTable previous = current;
        current = next;
        return previous;
    }
}
