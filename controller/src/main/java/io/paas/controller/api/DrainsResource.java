package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.drains.Drain;
import io.paas.controller.drains.DrainService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

import java.util.List;

/** An app's log drains: `paas drains`, `drains:add`, `drains:remove`. */
@Tag(name = "Logs")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/drains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DrainsResource {
    private final Callers callers;
    private final DrainService drains;

    public DrainsResource(Callers callers, DrainService drains) {
        this.callers = callers;
        this.drains = drains;
    }

    @Operation(summary = "An app's log drains (paas drains)")
    @GET
    public List<Api.Drain> list(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        App app = callers.appFor(authorization, name);
        return drains.of(app).stream().map(DrainsResource::view).toList();
    }

    @Operation(summary = "Add a log drain: syslog://, syslog+tls:// or https:// (paas drains:add)")
    @POST
    public Response add(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                        Api.NewDrain body) {
        App app = callers.appFor(authorization, name);
        String by = callers.user(authorization).username;
        Drain drain = drains.add(app, body == null ? null : body.url(), by);
        return Response.status(201).entity(view(drain)).build();
    }

    @Operation(summary = "Remove a log drain by its token or URL (paas drains:remove)")
    @DELETE
    @Path("{drain}")
    public Response remove(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                           @PathParam("drain") String drain) {
        App app = callers.appFor(authorization, name);
        drains.remove(app, drain);
        return Response.noContent().build();
    }

    private static Api.Drain view(Drain drain) {
        return new Api.Drain(drain.token, drain.url, drain.createdAt == null ? null : drain.createdAt.toString(), drain.createdBy);
    }
}
