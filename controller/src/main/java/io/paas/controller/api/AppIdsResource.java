package io.paas.controller.api;

import io.paas.controller.apps.App;
import io.paas.controller.apps.AppService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * The ids of every app that exists (service token): the builder removes the stores of any other id,
 * left by a destroy it did not hear of. Not under /v2/apps, where "ids" could be an app's name.
 */
@Tag(name = "Platform services")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/app-ids")
@Produces(MediaType.APPLICATION_JSON)
public class AppIdsResource {
    private final Callers callers;
    private final AppService apps;

    public AppIdsResource(Callers callers, AppService apps) {
        this.callers = callers;
        this.apps = apps;
    }

    @Operation(summary = "Every app's id (the builder, which keeps stores per app id)")
    @GET
    public List<String> list(@HeaderParam("Authorization") String authorization) {
        callers.requireBuilder(authorization);
        return apps.all().stream().map((App app) -> app.uid).toList();
    }
}
