package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.routes.RouteMetaPublisher;
import io.paas.controller.routes.RouterSettingsService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** An app's router settings: maintenance, TLS enforcement, allowlist, timeouts, body limit, balancing. */
@Tag(name = "Router")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/router")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RouterSettingsResource {
    private final Callers callers;
    private final RouterSettingsService settings;
    private final RouteMetaPublisher publisher;

    public RouterSettingsResource(Callers callers, RouterSettingsService settings, RouteMetaPublisher publisher) {
        this.callers = callers;
        this.settings = settings;
        this.publisher = publisher;
    }

    @Operation(summary = "An app's router settings (paas router)")
    @GET
    public Api.RouterSettings get(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        return settings.get(callers.appFor(authorization, name));
    }

    /** Any fields of Api.RouterSettings; a null value resets one to the router's default. */
    @Operation(summary = "Change router settings; null resets one to the default (paas router:set, tls:enforce, maintenance:on, maintenance:off)")
    @PATCH
    public Api.RouterSettings patch(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                                    Map<String, Object> changes) {
        App app = callers.appFor(authorization, name);
        Api.RouterSettings changed = settings.patch(app, changes);
        publisher.refresh(app.name);
        return changed;
    }

    @Operation(summary = "Add a CIDR to the allowlist (paas allowlist:add)")
    @POST
    @Path("allowlist")
    public Api.RouterSettings allow(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                                    Api.AllowlistEntry entry) {
        App app = callers.appFor(authorization, name);
        Api.RouterSettings changed = settings.allow(app, entry == null ? null : entry.cidr());
        publisher.refresh(app.name);
        return changed;
    }

    @Operation(summary = "Remove a CIDR from the allowlist (paas allowlist:remove)")
    @DELETE
    @Path("allowlist")
    public Api.RouterSettings disallow(@HeaderParam("Authorization") String authorization,
                                       @PathParam("app") String name, @QueryParam("cidr") String cidr) {
        App app = callers.appFor(authorization, name);
        Api.RouterSettings changed = settings.disallow(app, cidr);
        publisher.refresh(app.name);
        return changed;
    }
}
