package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.apps.AppService;
import io.paas.controller.apps.AppStores;
import io.paas.controller.deploy.DeployService;
import io.paas.controller.deploy.ProcessInventory;
import io.paas.controller.formation.FormationService;
import io.paas.controller.releases.Release;
import io.paas.controller.releases.ReleaseService;
import io.paas.controller.routes.RouteTable;
import io.paas.controller.users.User;
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

@Tag(name = "Apps")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AppsResource {
    private final Callers callers;
    private final AppService apps;
    private final ReleaseService releases;
    private final FormationService formations;
    private final DeployService deploys;
    private final RouteTable routes;
    private final ProcessInventory inventory;
    private final Views views;
    private final AppStores stores;

    public AppsResource(Callers callers, AppService apps, ReleaseService releases, FormationService formations,
                        DeployService deploys, RouteTable routes, ProcessInventory inventory, Views views,
                        AppStores stores) {
        this.stores = stores;
        this.callers = callers;
        this.apps = apps;
        this.releases = releases;
        this.formations = formations;
        this.deploys = deploys;
        this.routes = routes;
        this.inventory = inventory;
        this.views = views;
    }

    @Operation(summary = "The apps the caller may see (paas apps)")
    @GET
    public List<Api.App> list(@HeaderParam("Authorization") String authorization) {
        return apps.visibleTo(callers.user(authorization)).stream().map(views::app).toList();
    }

    @Operation(summary = "Create an app with its first release (paas apps:create)")
    @POST
    public Response create(@HeaderParam("Authorization") String authorization, Api.NewApp body) {
        User user = callers.user(authorization);
        App app = apps.create(user, body == null ? null : body.name(), body == null ? null : body.team());
        releases.initial(app, user.username);
        routes.put(app.name, List.of());
        return Response.status(201).entity(views.app(app)).build();
    }

    @Operation(summary = "An app with its current release, formation and processes (paas apps:info)")
    @GET
    @Path("{app}")
    public Api.AppInfo info(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        App app = callers.appFor(authorization, name);
        Release release = releases.current(app);
        return new Api.AppInfo(views.app(app), views.release(release), formations.quantities(app),
                inventory.processes(app.name).stream().map(views::process).toList());
    }

    @Operation(summary = "Destroy an app: its processes, releases, config and stores (paas apps:destroy)")
    @DELETE
    @Path("{app}")
    public Response destroy(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        App app = callers.appToManage(authorization, name);
        deploys.destroy(app.name, () -> apps.delete(app.name));
        stores.remove(app.uid);
        return Response.noContent().build();
    }

    /** Heroku's builds:cache:purge: the app's next build starts without its cache. */
    @Operation(summary = "Empty an app's build cache (paas builds:cache:purge)")
    @DELETE
    @Path("{app}/build-cache")
    public Response purgeBuildCache(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        stores.purgeCache(callers.appFor(authorization, name));
        return Response.noContent().build();
    }
}
