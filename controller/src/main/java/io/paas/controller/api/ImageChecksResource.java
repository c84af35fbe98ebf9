package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.builds.ImageReferences;
import io.paas.controller.problems.Problem;
import io.paas.controller.users.User;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The builder asks here about every image a Dockerfile names, before the engine sees it. */
@Tag(name = "Platform services")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/images/check")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImageChecksResource {
    private final Callers callers;
    private final ImageReferences references;

    public ImageChecksResource(Callers callers, ImageReferences references) {
        this.callers = callers;
        this.references = references;
    }

    /** 200 with the qualified reference when the user may use the image in a build of the app; 403 otherwise. */
    @Operation(summary = "Whether a user may build from an image a Dockerfile names (the builder)")
    @POST
    public Api.ImageCheck check(@HeaderParam("Authorization") String authorization, Api.ImageCheck request) {
        callers.requireBuilder(authorization);
        if (request == null || request.username() == null || request.image() == null) {
            throw Problem.invalid("username and image are required");
        }
        User user = User.byName(request.username())
                .orElseThrow(() -> Problem.forbidden("no user " + request.username()));
        return new Api.ImageCheck(request.appId(), user.username, references.check(user, request.image()).toString());
    }
}
