package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.problems.Problem;
import io.paas.controller.quotas.QuotaService;
import io.paas.controller.teams.Team;
import io.paas.controller.teams.TeamMember;
import io.paas.controller.teams.TeamService;
import io.paas.controller.users.User;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** teams, teams:create, teams:destroy, teams:members and their quotas. */
@Tag(name = "Access")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamsResource {
    private final Callers callers;
    private final TeamService teams;
    private final QuotaService quotas;

    public TeamsResource(Callers callers, TeamService teams, QuotaService quotas) {
        this.callers = callers;
        this.teams = teams;
        this.quotas = quotas;
    }

    @Operation(summary = "The caller's teams; every team for an admin (paas teams)")
    @GET
    @Transactional
    public List<Api.Team> list(@HeaderParam("Authorization") String authorization) {
        User user = callers.user(authorization);
        return teams.visibleTo(user).stream().map(team -> view(team, user)).toList();
    }

    @Operation(summary = "Create a team, with the caller as its admin (paas teams:create)")
    @POST
    @Transactional
    public Response create(@HeaderParam("Authorization") String authorization, Api.Team body) {
        User user = callers.user(authorization);
        Team team = teams.create(user, body == null ? null : body.name());
        return Response.status(201).entity(view(team, user)).build();
    }

    @Operation(summary = "Destroy a team that owns no apps (paas teams:destroy)")
    @DELETE
    @Path("{team}")
    public Response destroy(@HeaderParam("Authorization") String authorization, @PathParam("team") String name) {
        teams.delete(callers.user(authorization), name);
        return Response.noContent().build();
    }

    @Operation(summary = "A team's members and their roles (paas teams:members)")
    @GET
    @Path("{team}/members")
    @Transactional
    public List<Api.TeamMember> members(@HeaderParam("Authorization") String authorization, @PathParam("team") String name) {
        Team team = teams.require(callers.user(authorization), name);
        return teams.members(team).stream().map(member -> new Api.TeamMember(member.user.username, member.role)).toList();
    }

    /** Adds a member or changes a member's role ({role: admin|member}, member when left out). */
    @Operation(summary = "Add a member or change a member's role (paas teams:members:add)")
    @PUT
    @Path("{team}/members/{user}")
    @Transactional
    public Api.TeamMember putMember(@HeaderParam("Authorization") String authorization, @PathParam("team") String name,
                                    @PathParam("user") String username, Api.TeamMember body) {
        Team team = teams.requireAdmin(callers.user(authorization), name);
        TeamMember member = teams.put(team, username, body == null ? null : body.role());
        return new Api.TeamMember(member.user.username, member.role);
    }

    @Operation(summary = "Remove a member (paas teams:members:remove)")
    @DELETE
    @Path("{team}/members/{user}")
    public Response removeMember(@HeaderParam("Authorization") String authorization, @PathParam("team") String name,
                                 @PathParam("user") String username) {
        teams.remove(callers.user(authorization), name, username);
        return Response.noContent().build();
    }

    @Operation(summary = "A team's quota and use (paas quotas)")
    @GET
    @Path("{team}/quota")
    @Transactional
    public Api.QuotaView quota(@HeaderParam("Authorization") String authorization, @PathParam("team") String name) {
        Team team = teams.require(callers.user(authorization), name);
        return UsersResource.view(quotas.of(null, team), quotas.usage(null, team));
    }

    @Operation(summary = "Set a team's quota, admins only (paas quotas:set)")
    @PUT
    @Path("{team}/quota")
    @Transactional
    public Api.QuotaView setQuota(@HeaderParam("Authorization") String authorization, @PathParam("team") String name,
                                  Api.QuotaChange change) {
        User admin = callers.admin(authorization);
        Team team = teams.require(admin, name);
        return UsersResource.view(quotas.set(null, team, change), quotas.usage(null, team));
    }

    private static Api.Team view(Team team, User user) {
        return new Api.Team(team.name, TeamMember.roleOf(team, user), Views.time(team.createdAt));
    }
}
