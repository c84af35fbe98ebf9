package io.paas.router.routes;

import io.paas.client.Api;
import io.paas.client.ControllerClient;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A route table from a JSON file (the shape of one route stream line) instead of the controller:
 * for benchmarks and for running the router alone. Read once at start.
 */
public final class StaticRoutes {
    private StaticRoutes() {
    }

    public static RouteTable load(Path file, RouteTables tables) {
        try {
            return tables.build(ControllerClient.JSON.readValue(file.toFile(), Api.RouteTable.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the route table in " + file + ": " + e.getMessage());
        }
    }
}
