package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.apps.AppService;
import io.paas.controller.users.User;
import io.paas.controller.users.UserService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v2/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final UserService users;
    private final AppService apps;

    public AuthResource(UserService users, AppService apps) {
        this.users = users;
        this.apps = apps;
    }

    @POST
    @Path("register")
    public Response register(Api.Credentials credentials) {
        return Response.status(201).entity(users.register(credentials)).build();
    }

    @POST
    @Path("login")
    public Api.Session login(Api.Credentials credentials) {
        return users.login(credentials);
    }

    @GET
    @Path("whoami")
    public Api.User whoami(@HeaderParam("Authorization") String authorization) {
        User user = users.authenticate(authorization);
        return new Api.User(user.username, user.admin);
    }

    /** For the builder: may this user, with this API token, push to this app? */
    @POST
    @Path("check")
    public Api.PushGrant check(@HeaderParam("Authorization") String authorization, Api.PushCheck check) {
        users.requireService(authorization);
        if (check == null || check.token() == null || check.app() == null) {
            throw io.paas.controller.problems.Problem.invalid("app, username and token are required");
        }
        User user = users.userOfToken(check.token());
        if (check.username() != null && !check.username().isBlank() && !check.username().equals(user.username)) {
            throw io.paas.controller.problems.Problem.unauthorized("the token does not belong to " + check.username());
        }
        App app = apps.require(user, check.app());
        // The builder keys everything of the push by this id, never by the (reusable) name.
        return new Api.PushGrant(user.username, user.admin, app.name, app.uid);
    }
}
