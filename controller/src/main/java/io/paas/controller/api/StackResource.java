package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.stacks.StackService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An app's stack: `paas stack` and `paas stack:set`; the builder reads it for each build. */
@Tag(name = "Builds")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/stack")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StackResource {
    private final Callers callers;
    private final StackService stacks;

    public StackResource(Callers callers, StackService stacks) {
        this.callers = callers;
        this.stacks = stacks;
    }

    @Operation(summary = "An app's stack (paas stack)")
    @GET
    public Api.Stack show(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        return stacks.of(callers.appForUserOrBuilder(authorization, name));
    }

    @Operation(summary = "Set an app's stack, for the next build (paas stack:set)")
    @PUT
    public Api.Stack set(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                         Api.StackUpdate body) {
        return stacks.set(callers.appFor(authorization, name), body == null ? null : body.stack());
    }
}
