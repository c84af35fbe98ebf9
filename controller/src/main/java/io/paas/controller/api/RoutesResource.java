package io.paas.controller.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import io.paas.controller.apps.AppService;
import io.paas.controller.logs.AppLogs;
import io.paas.controller.logs.ServedRequest;
import io.paas.controller.metrics.AppMetrics;
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

import java.io.IOException;
import java.util.List;

/** Routers follow this stream: the whole table at once, then again after every change (NDJSON). */
@Tag(name = "Platform services")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/routes")
public class RoutesResource {
    private final Callers callers;
    private final RouteTable routes;
    private static final int MAX_LOG_LINES = 5_000;
    private static final TypeReference<List<Api.RouterLogLine>> ROUTER_LINES = new TypeReference<>() { };
    private static final java.util.regex.Pattern ROUTER_ID = java.util.regex.Pattern.compile("^[A-Za-z0-9._:-]{1,255}$");
    private final RouterAcks acks;
    private final AppLogs logs;
    private final AppMetrics metrics;
    private final AppService apps;

    public RoutesResource(Callers callers, RouteTable routes, RouterAcks acks, AppLogs logs, AppMetrics metrics,
                          AppService apps) {
        this.apps = apps;
        this.metrics = metrics;
        this.callers = callers;
        this.routes = routes;
        this.acks = acks;
        this.logs = logs;
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

    @Operation(summary = "A router's lines for the requests it served, for the apps' logs and metrics (routers)")
    @POST
    @Path("logs")
    @Consumes(MediaType.APPLICATION_JSON)
    public void logs(@HeaderParam("Authorization") String authorization, String body) {
        // Read after the caller is known: whoever is not the router is refused before the body is looked at.
        callers.requireRouter(authorization);
        List<Api.RouterLogLine> lines;
        try {
            lines = ControllerClient.JSON.readValue(body == null ? "null" : body, ROUTER_LINES);
        } catch (IOException e) {
            throw Problem.invalid("the body must be a list of {app, time, text}");
        }
        if (lines == null || lines.size() > MAX_LOG_LINES) {
            throw Problem.invalid("a list of at most " + MAX_LOG_LINES + " lines is required");
        }
        List<ServedRequest> served = ServedRequest.of(lines, apps::idOf);
        logs.recordRequests(served);
        logs.dropRouterLines(lines.size() - served.size());
        metrics.requests(served);
    }

    @Operation(summary = "The route table (routers)")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Api.RouteTable table(@HeaderParam("Authorization") String authorization) {
        callers.requireRouter(authorization);
        return routes.snapshot();
    }
}
