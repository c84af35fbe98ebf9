package io.paas.controller.console;

import io.paas.client.Api;
import io.paas.controller.api.UsersResource;
import io.paas.controller.problems.Problem;
import io.paas.controller.users.User;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/**
 * The platform's users, for admins (paas users), each with a password reset form. The API's admin routes decide:
 * anyone else gets their 403 here too.
 */
@Tag(name = "Console")
@Path("/console/users")
@Produces(MediaType.TEXT_HTML)
public class UserPages {
    private final UsersResource users;
    private final ConsoleRequests console;

    public UserPages(UsersResource users, ConsoleRequests console) {
        this.users = users;
        this.console = console;
    }

    @Operation(summary = "The platform's users with a password reset form each, admins only (HTML)")
    @GET
    public Response list(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                         @QueryParam("reset") String reset) {
        return console.signedIn(request, cookie, (session, user) -> usersPage(session, user, 200, null,
                reset == null ? null : "Password reset: that user's tokens and console sessions stopped working; "
                        + "they sign in with the new password."));
    }

    @Operation(summary = "Set a user's password, typed twice; all their tokens are revoked, admins only (HTML form)")
    @POST
    @Path("{user}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resetPassword(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                                  @PathParam("user") String username, @FormParam("csrf") String csrf,
                                  @FormParam("password") String password, @FormParam("confirm") String confirm) {
        return console.change(request, cookie, csrf, "Password of " + username + " not reset: ", session -> {
            if (password == null || !password.equals(confirm)) {
                throw Problem.invalid("the two passwords differ: type the same one twice");
            }
            users.resetPassword(session.authorization(), username, new Api.PasswordReset(password));
            return "/console/users?reset=1";
        }, (session, user, status, error) -> usersPage(session, user, status, error, null));
    }

    private Response usersPage(ConsoleSession session, User user, int status, String error, String notice) {
        Map<String, Object> model = console.model(session, user, error, notice);
        try {
            model.put("accounts", users.list(session.authorization()));
        } catch (RuntimeException e) {
            return console.failurePage(session, user, e);
        }
        return console.page(status, "users", model);
    }
}
