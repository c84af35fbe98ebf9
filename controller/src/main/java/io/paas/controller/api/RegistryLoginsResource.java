package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.builds.RegistryLogin;
import io.paas.controller.builds.RegistryLogins;
import io.paas.controller.problems.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

/** An app's private registry credentials; passwords go in, never out. */
@Tag(name = "Builds")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/registry-logins")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RegistryLoginsResource {
    private final Callers callers;
    private final RegistryLogins logins;

    public RegistryLoginsResource(Callers callers, RegistryLogins logins) {
        this.callers = callers;
        this.logins = logins;
    }

    @Operation(summary = "An app's private registry logins, without passwords (paas registry)")
    @GET
    public List<Api.RegistryLogin> list(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        return logins.list(callers.appFor(authorization, name)).stream().map(RegistryLoginsResource::view).toList();
    }

    @Operation(summary = "Save a login for a private registry (paas registry:login)")
    @PUT
    @Path("{host}")
    public Api.RegistryLogin save(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                                  @PathParam("host") String host, Api.RegistryLogin request) {
        App app = callers.appFor(authorization, name);
        if (request == null) {
            throw Problem.invalid("give {\"username\": ..., \"password\": ...}");
        }
        return view(logins.save(app, host, request.username(), request.password()));
    }

    @Operation(summary = "Remove a private registry login (paas registry:logout)")
    @DELETE
    @Path("{host}")
    public Response remove(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                           @PathParam("host") String host) {
        logins.remove(callers.appFor(authorization, name), host);
        return Response.noContent().build();
    }

    private static Api.RegistryLogin view(RegistryLogin login) {
        return new Api.RegistryLogin(login.host, login.username, null,
                login.createdAt == null ? null : login.createdAt.toString());
    }
}
