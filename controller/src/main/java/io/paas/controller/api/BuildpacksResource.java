package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.buildpacks.BuildpackService;
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

import java.util.List;
import java.util.stream.IntStream;

/**
 * The buildpacks an app names: `paas buildpacks` and its :set, :add, :remove, :clear (which send the
 * whole new list, as Heroku's CLI does). The builder reads them for each build; changing them makes no
 * release: the next push uses them.
 */
@Tag(name = "Builds")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/buildpacks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BuildpacksResource {
    private final Callers callers;
    private final BuildpackService buildpacks;

    public BuildpacksResource(Callers callers, BuildpackService buildpacks) {
        this.callers = callers;
        this.buildpacks = buildpacks;
    }

    @Operation(summary = "An app's buildpacks, in order (paas buildpacks)")
    @GET
    public List<Api.Buildpack> list(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        return view(buildpacks.of(callers.appForUserOrBuilder(authorization, name)));
    }

    @Operation(summary = "Replace an app's buildpacks (paas buildpacks:set, buildpacks:add, buildpacks:remove, buildpacks:clear)")
    @PUT
    public List<Api.Buildpack> replace(@HeaderParam("Authorization") String authorization,
                                       @PathParam("app") String name, Api.BuildpacksUpdate body) {
        App app = callers.appFor(authorization, name);
        return view(buildpacks.replace(app, body == null ? null : body.buildpacks()));
    }

    private static List<Api.Buildpack> view(List<String> urls) {
        return IntStream.range(0, urls.size()).mapToObj(i -> new Api.Buildpack(i + 1, urls.get(i))).toList();
    }
}
