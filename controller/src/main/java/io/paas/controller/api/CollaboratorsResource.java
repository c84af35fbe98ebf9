package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.apps.Collaborator;
import io.paas.controller.apps.CollaboratorService;
import io.paas.controller.problems.Problem;
import io.paas.controller.users.User;
import jakarta.transaction.Transactional;
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

/** Heroku's perms (access) and apps:transfer. */
@Tag(name = "Access")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CollaboratorsResource {
    private final Callers callers;
    private final CollaboratorService collaborators;
    private final Views views;

    public CollaboratorsResource(Callers callers, CollaboratorService collaborators, Views views) {
        this.callers = callers;
        this.collaborators = collaborators;
        this.views = views;
    }

    @Operation(summary = "An app's collaborators (paas perms)")
    @GET
    @Path("collaborators")
    @Transactional
    public List<Api.Collaborator> list(@HeaderParam("Authorization") String authorization, @PathParam("app") String name) {
        return collaborators.of(callers.appFor(authorization, name)).stream().map(CollaboratorsResource::view).toList();
    }

    @Operation(summary = "Add a collaborator (paas perms:add)")
    @POST
    @Path("collaborators")
    @Transactional
    public Response add(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                        Api.NewCollaborator body) {
        App app = callers.appToManage(authorization, name);
        if (body == null || body.username() == null || body.username().isBlank()) {
            throw Problem.invalid("username is required: paas perms:add USER -a " + name);
        }
        return Response.status(201).entity(view(collaborators.add(app, body.username().strip()))).build();
    }

    /** The owner removes anyone; a collaborator may remove themself. */
    @Operation(summary = "Remove a collaborator; a collaborator may remove themself (paas perms:remove)")
    @DELETE
    @Path("collaborators/{user}")
    public Response remove(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                           @PathParam("user") String username) {
        User caller = callers.user(authorization);
        App app = caller.username.equals(username) ? callers.appFor(authorization, name)
                : callers.appToManage(authorization, name);
        collaborators.remove(app, username);
        return Response.noContent().build();
    }

    @Operation(summary = "Give the app to a user or a team (paas apps:transfer)")
    @POST
    @Path("transfer")
    @Transactional
    public Api.App transfer(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                            Api.Transfer body) {
        User caller = callers.user(authorization);
        App app = callers.appToManage(authorization, name);
        if (body == null || body.recipient() == null || body.recipient().isBlank()) {
            throw Problem.invalid("recipient is required: paas apps:transfer USER_OR_TEAM -a " + name);
        }
        return views.app(collaborators.transfer(caller, app, body.recipient().strip()));
    }

    private static Api.Collaborator view(Collaborator collaborator) {
        return new Api.Collaborator(collaborator.user.username, Views.time(collaborator.createdAt));
    }
}
