package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.builds.BuildService;
import io.paas.controller.deploy.DeployService;
import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.releases.Release;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The builder registers finished builds here; the answer comes once the new release serves
 * (the old containers stop after it, in the background). */
@Path("/v2/apps/{app}/builds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BuildsResource {
    private final Callers callers;
    private final BuildService builds;
    private final DeployService deploys;
    private final PlatformSettings settings;

    public BuildsResource(Callers callers, BuildService builds, DeployService deploys, PlatformSettings settings) {
        this.callers = callers;
        this.builds = builds;
        this.deploys = deploys;
        this.settings = settings;
    }

    @POST
    public Response create(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                           Api.NewBuild request) {
        callers.requireService(authorization);
        Release release = deploys.deployAfter(name, () -> builds.create(name, request));
        return Response.status(201).entity(new Api.BuildResult(release.build.id.toString(), release.version,
                settings.appUrl(name))).build();
    }
}
