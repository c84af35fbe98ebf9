package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.problems.Problem;
import io.paas.controller.routes.RouteTable;
import io.paas.controller.routes.RouterAcks;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Routers follow this stream: the whole table at once, then again after every change (NDJSON). */
@Tag(name = "Platform services")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/routes")
public class RoutesResource {
    private final Callers callers;
    private final RouteTable routes;
    private static final java.util.regex.Pattern ROUTER_ID = java.util.regex.Pattern.compile("^[A-Za-z0-9._:-]{1,255}$");
    private final RouterAcks acks;

    public RoutesResource(Callers callers, RouteTable routes, RouterAcks acks) {
        this.callers = callers;
        this.routes = routes;
        this.acks = acks;
    }

    @Operation(summary = "The route table, then again after every change, as NDJSON (routers)")
    @GET
    @Path("stream")
    @Produces("application/x-ndjson")
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<Api.RouteTable> stream(@HeaderParam("Authorization") String authorization) {
        callers.requireRouter(authorization);
        if (!routes.awaitComplete(java.time.Duration.ofSeconds(20))) {
            // The router keeps serving the table it has and asks again.
            throw new Problem(Problem.Kind.UNAVAILABLE, "the route table is still being rebuilt after a restart");
        }
        return Multi.createFrom().emitter(emitter -> {
            Runnable unsubscribe = routes.subscribe(emitter::emit);
            emitter.onTermination(unsubscribe);
        });
    }

    @Operation(summary = "A router confirms the route table generation it serves (routers)")
    @POST
    @Path("ack")
    @Consumes(MediaType.APPLICATION_JSON)
    public void ack(@HeaderParam("Authorization") String authorization, Api.RouteAck ack) {
        callers.requireRouter(authorization);
        if (ack == null || ack.router() == null || ack.router().isBlank()) {
            throw Problem.invalid("router and generation are required");
        }
        if (!ROUTER_ID.matcher(ack.router()).matches()) {
            throw Problem.invalid("a router id is 1-255 letters, digits, '.', '_', ':' or '-'");
        }
        acks.ack(ack.router(), ack.generation());
    }

    @Operation(summary = "The route table (routers)")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Api.RouteTable table(@HeaderParam("Authorization") String authorization) {
        callers.requireRouter(authorization);
        return routes.snapshot();
    }
}
