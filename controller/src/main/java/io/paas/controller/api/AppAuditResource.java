package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.audit.AuditTrail;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** An app's audit trail, for whoever may see the app (as its releases). */
@Tag(name = "Audit")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AppAuditResource {
    private final Callers callers;
    private final AuditTrail trail;

    public AppAuditResource(Callers callers, AuditTrail trail) {
        this.callers = callers;
        this.trail = trail;
    }

    @Operation(summary = "Who did what to an app, when and from where, newest first (paas audit)")
    @GET
    public List<Api.AuditEntry> ofApp(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                                      @QueryParam("limit") String limit) {
        App app = callers.appFor(authorization, name);
        return trail.ofApp(app.id, AuditResource.limit(limit)).stream().map(AuditResource::view).toList();
    }
}
