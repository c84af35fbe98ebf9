package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.audit.AuditEntry;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.problems.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The whole platform's audit trail, for admins ({@link AppAuditResource}: an app's). */
@Tag(name = "Audit")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Callers callers;
    private final AuditTrail trail;

    public AuditResource(Callers callers, AuditTrail trail) {
        this.callers = callers;
        this.trail = trail;
    }

    @Operation(summary = "The whole platform's audit trail, or of apps of one name, newest first; admins only (paas audit --all)")
    @GET
    public List<Api.AuditEntry> all(@HeaderParam("Authorization") String authorization, @QueryParam("app") String app,
                                    @QueryParam("limit") String limit) {
        callers.admin(authorization);
        return trail.all(app == null || app.isBlank() ? null : app.strip(), limit(limit)).stream()
                .map(AuditResource::view).toList();
    }

    static int limit(String requested) {
        if (requested == null || requested.isBlank()) {
            return DEFAULT_LIMIT;
        }
        String digits = requested.strip();
        if (!digits.matches("[0-9]{1,4}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > MAX_LIMIT) {
            throw Problem.invalid("limit is a number from 1 to " + MAX_LIMIT + ", not '" + Problem.shown(requested) + "'");
        }
        return Integer.parseInt(digits);
    }

    static Api.AuditEntry view(AuditEntry entry) {
        return new Api.AuditEntry(entry.id, Views.time(entry.createdAt), entry.appName, entry.actor, entry.action,
                entry.address, entry.details);
    }
}
