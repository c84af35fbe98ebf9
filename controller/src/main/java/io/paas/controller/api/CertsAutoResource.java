package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.certs.AutoCertificates;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Automatic certificates over ACME (`paas certs:auto`, `certs:auto:enable`, `certs:auto:disable`), at Heroku's /acm. */
@Tag(name = "Domains and certificates")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/acm")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CertsAutoResource {
    private final Callers callers;
    private final AutoCertificates auto;

    public CertsAutoResource(Callers callers, AutoCertificates auto) {
        this.callers = callers;
        this.auto = auto;
    }

    @Operation(summary = "Whether the app's domains get certificates over ACME, and each domain's state (paas certs:auto)")
    @GET
    public Api.CertsAuto status(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        return auto.status(callers.appFor(authorization, name));
    }

    @Operation(summary = "Get and renew certificates for the app's custom domains over ACME (paas certs:auto:enable)")
    @POST
    public Api.CertsAuto enable(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        App app = callers.appFor(authorization, name);
        auto.enable(app);
        return auto.status(app);
    }

    @Operation(summary = "Stop getting certificates over ACME; the last one stays until removed (paas certs:auto:disable)")
    @DELETE
    public Api.CertsAuto disable(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        App app = callers.appFor(authorization, name);
        auto.disable(app);
        return auto.status(app);
    }
}
