package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.builds.BuildNotReleased;
import io.paas.controller.builds.BuildService;
import io.paas.controller.deploy.DeployService;
import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.releases.Release;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The builder registers every build's end here: one that made an image (the answer comes once its
 * release serves; the old containers stop after it, in the background) or one that failed, and
 * then its whole output. Users list them (`paas builds`) and read one (`paas builds:info`).
 */
@Tag(name = "Builds")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/builds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BuildsResource {
    private final Callers callers;
    private final BuildService builds;
    private final DeployService deploys;
    private final PlatformSettings settings;
    private final Views views;

    public BuildsResource(Callers callers, BuildService builds, DeployService deploys, PlatformSettings settings,
                          Views views) {
        this.callers = callers;
        this.views = views;
        this.builds = builds;
        this.deploys = deploys;
        this.settings = settings;
    }

    @Operation(summary = "An app's builds, newest first (paas builds)")
    @GET
    public List<Api.Build> list(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        App app = callers.appFor(authorization, name);
        return builds.of(app).stream().map(build -> views.build(build, false)).toList();
    }

    /** In one transaction: the build's output loads only when the view reads it. */
    @Operation(summary = "One build, with its whole output (paas builds:info)")
    @GET
    @Path("{id}")
    @Transactional
    public Api.Build get(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                         @PathParam("id") String id) {
        App app = callers.appFor(authorization, name);
        return views.build(builds.of(app, id), true);
    }

    /** A failed build never touches the live release, so no deploy lock is needed. */
    @Operation(summary = "Record a failed build (the builder)")
    @POST
    @Path("failed")
    public Response failed(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                           Api.FailedBuild request) {
        callers.requireBuilder(authorization);
        return Response.status(201).entity(views.build(builds.failed(name, request), true)).build();
    }

    /** After the push's last line: a released build's record comes before its release's lines. */
    @Operation(summary = "Store a build's whole output (the builder)")
    @PUT
    @Path("{id}/output")
    public Response output(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                           @PathParam("id") String id, Api.BuildOutput request) {
        callers.requireBuilder(authorization);
        builds.output(name, id, request);
        return Response.noContent().build();
    }

    @Operation(summary = "Record a build and deploy its release (the builder)")
    @POST
    public Response create(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                           Api.NewBuild request) {
        callers.requireBuilder(authorization);
        AtomicReference<Release> made = new AtomicReference<>();
        Release release;
        try {
            release = deploys.deployAfter(name, () -> {
                made.set(builds.create(name, request));
                return made.get();
            });
        } catch (RuntimeException failure) {
            if (made.get() == null) {
                throw failure;
            }
            throw new BuildNotReleased(made.get().build.id.toString(), failure);
        }
        return Response.status(201).entity(new Api.BuildResult(release.build.id.toString(), release.version,
                settings.appUrl(name))).build();
    }
}
