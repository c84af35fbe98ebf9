package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.runs.AttachedRuns;
import io.paas.controller.runs.OneOffRuns;
import io.paas.controller.users.User;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One-off processes of an app, for those who may deploy it. */
@Tag(name = "Processes")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RunsResource {
    private final Callers callers;
    private final OneOffRuns runs;
    private final AttachedRuns attached;

    public RunsResource(Callers callers, OneOffRuns runs, AttachedRuns attached) {
        this.callers = callers;
        this.runs = runs;
        this.attached = attached;
    }

    @Operation(summary = "Start a one-off process of the serving release (paas run): detached, its output and exit "
            + "status come in the app's log; attached, the answer's attach path (a WebSocket, good once for 30 s) "
            + "carries its streams")
    @POST
    public Response start(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                          Api.NewRun request) {
        User user = callers.user(authorization);
        App app = callers.appFor(authorization, name);
        Api.NewRun run = request == null ? new Api.NewRun(null) : request;
        if (Boolean.TRUE.equals(run.attach())) {
            return Response.status(201).entity(attached.prepare(app, run, user.username)).build();
        }
        String process = runs.start(app, run.command(), user.username);
        return Response.status(201).entity(new Api.Run(process)).build();
    }

    @Operation(summary = "Stop a one-off process (paas ps:stop run.N): its container is stopped and removed, its end "
            + "comes in the app's log")
    @DELETE
    @Path("{process}")
    public Response stop(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                         @PathParam("process") String process) {
        User user = callers.user(authorization);
        App app = callers.appFor(authorization, name);
        runs.stop(app, process, user.username);
        return Response.noContent().build();
    }
}
