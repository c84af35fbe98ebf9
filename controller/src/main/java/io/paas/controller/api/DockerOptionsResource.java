package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.builds.DockerOptionsService;
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

/** An app's Dockerfile build options; the builder reads them for each push. */
@Tag(name = "Builds")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/docker-options")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DockerOptionsResource {
    private final Callers callers;
    private final DockerOptionsService options;

    public DockerOptionsResource(Callers callers, DockerOptionsService options) {
        this.callers = callers;
        this.options = options;
    }

    @Operation(summary = "An app's Dockerfile build options (paas docker-options)")
    @GET
    public Api.DockerOptions get(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        return options.of(callers.appForUserOrBuilder(authorization, name));
    }

    /** Takes effect at the next push: nothing is rebuilt now. */
    @Operation(summary = "Replace an app's Dockerfile build options, for the next push (paas docker-options:add, docker-options:remove, builder-dockerfile:set)")
    @PUT
    public Api.DockerOptions replace(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                                     Api.DockerOptions change) {
        return options.replace(callers.appFor(authorization, name), change);
    }
}
