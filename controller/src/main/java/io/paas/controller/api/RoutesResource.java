package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.routes.RouteTable;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Routers follow this stream: the whole table at once, then again after every change (NDJSON). */
@Path("/v2/routes")
public class RoutesResource {
    private final Callers callers;
    private final RouteTable routes;

    public RoutesResource(Callers callers, RouteTable routes) {
        this.callers = callers;
        this.routes = routes;
    }

    @GET
    @Path("stream")
    @Produces("application/x-ndjson")
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<Api.RouteTable> stream(@HeaderParam("Authorization") String authorization) {
        callers.requireService(authorization);
        return Multi.createFrom().emitter(emitter -> {
            Runnable unsubscribe = routes.subscribe(emitter::emit);
            emitter.onTermination(unsubscribe);
        });
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Api.RouteTable table(@HeaderParam("Authorization") String authorization) {
        callers.requireService(authorization);
        return routes.snapshot();
    }
}
