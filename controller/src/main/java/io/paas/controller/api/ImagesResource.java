package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.builds.ImageDeploys;
import io.paas.controller.builds.ImageReferences;
import io.paas.controller.deploy.DeployService;
import io.paas.controller.problems.Problem;
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

/** Prebuilt images deployed as they are, and the builder's check of the images a Dockerfile names. */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImagesResource {
    private final Callers callers;
    private final ImageDeploys images;
    private final ImageReferences references;
    private final DeployService deploys;
    private final Views views;

    public ImagesResource(Callers callers, ImageDeploys images, ImageReferences references, DeployService deploys,
                          Views views) {
        this.callers = callers;
        this.images = images;
        this.references = references;
        this.deploys = deploys;
        this.views = views;
    }

    @POST
    @Path("apps/{app}/images")
    public Response deploy(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                           Api.NewImage request) {
        User user = callers.user(authorization);
        App app = callers.appFor(authorization, name);
        Release release = deploys.deployAfter(app.name, () -> images.release(app, user, request));
        return Response.status(201).entity(views.release(release)).build();
    }

    /** 200 with the qualified reference when the user may use the image in a build of the app; 403 otherwise. */
    @POST
    @Path("images/check")
    public Api.ImageCheck check(@HeaderParam("Authorization") String authorization, Api.ImageCheck request) {
        callers.requireService(authorization);
        if (request == null || request.username() == null || request.image() == null) {
            throw Problem.invalid("username and image are required");
        }
        User user = User.byName(request.username())
                .orElseThrow(() -> Problem.forbidden("no user " + request.username()));
        return new Api.ImageCheck(request.appId(), user.username, references.check(user, request.image()).toString());
    }
}
