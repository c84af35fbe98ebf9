package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.builds.ImageDeploys;
import io.paas.controller.deploy.DeployService;
import io.paas.controller.releases.Release;
import io.paas.controller.users.User;
import jakarta.ws.rs.Consumes;
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

/** Prebuilt images deployed as they are (`paas deploy:image`). */
@Tag(name = "Builds")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/images")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImagesResource {
    private final Callers callers;
    private final ImageDeploys images;
    private final DeployService deploys;
    private final Views views;

    public ImagesResource(Callers callers, ImageDeploys images, DeployService deploys, Views views) {
        this.callers = callers;
        this.images = images;
        this.deploys = deploys;
        this.views = views;
    }

    @Operation(summary = "Deploy a prebuilt image as it is (paas deploy:image)")
    @POST
    public Response deploy(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                           Api.NewImage request) {
        User user = callers.user(authorization);
        App app = callers.appFor(authorization, name);
        Release release = deploys.deployAfter(app.name, () -> images.release(app, user, request));
        return Response.status(201).entity(views.release(release)).build();
    }
}
