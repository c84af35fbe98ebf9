package io.paas.controller.console;

import io.paas.client.Api;
import io.paas.controller.api.AppsResource;
import io.paas.controller.api.CollaboratorsResource;
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
import java.util.function.Consumer;

/**
 * Who may work on an app, in the console: its owner or team, its collaborators, and forms to add and remove
 * collaborators and to transfer the app, each through the API's CollaboratorsResource (which decides who may).
 */
@Tag(name = "Console")
@Path("/console/apps/{app}/access")
@Produces(MediaType.TEXT_HTML)
public class AccessPages {
    private static final Map<String, String> DONE = Map.of(
            "added", "Collaborator added: they can deploy and configure the app now.",
            "removed", "Collaborator removed.",
            "transferred", "App transferred: its new owner manages it now.");

    private final AppsResource apps;
    private final CollaboratorsResource collaborators;
    private final ConsoleRequests console;

    public AccessPages(AppsResource apps, CollaboratorsResource collaborators, ConsoleRequests console) {
        this.apps = apps;
        this.collaborators = collaborators;
        this.console = console;
    }

    @Operation(summary = "An app's owner or team and its collaborators, with forms to add and remove "
            + "collaborators and to transfer the app (HTML)")
    @GET
    public Response page(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                         @PathParam("app") String name, @QueryParam("done") String done) {
        return console.signedIn(request, cookie, (session, user) -> page(session, user, name, 200, null,
                done == null ? null : DONE.get(done), ""));
    }

    @Operation(summary = "Add a collaborator (HTML form)")
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                        @PathParam("app") String name, @FormParam("csrf") String csrf,
                        @FormParam("username") String username) {
        return change(request, cookie, csrf, name, "Collaborator not added: ", username, "added",
                session -> collaborators.add(session.authorization(), name, new Api.NewCollaborator(username)));
    }

    @Operation(summary = "Remove a collaborator, or yourself (HTML form)")
    @POST
    @Path("remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                           @PathParam("app") String name, @FormParam("csrf") String csrf,
                           @FormParam("username") String username) {
        return change(request, cookie, csrf, name, "Collaborator not removed: ", "", "removed",
                session -> collaborators.remove(session.authorization(), name, username == null ? "" : username));
    }

    @Operation(summary = "Give the app to a user or a team, confirmed by typing its name (HTML form)")
    @POST
    @Path("transfer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response transfer(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                             @PathParam("app") String name, @FormParam("csrf") String csrf,
                             @FormParam("recipient") String recipient, @FormParam("confirm") String confirm) {
        return change(request, cookie, csrf, name, "Not transferred: ", "", "transferred", session -> {
            ConsoleRequests.requireConfirmation(name, confirm);
            collaborators.transfer(session.authorization(), name, new Api.Transfer(recipient));
        });
    }

    /**
     * Done, the access page says so, or the apps list when the change took the user's own access away
     * (removing themself, giving a team's app to someone else): that page would only answer 404.
     */
    private Response change(HttpServerRequest request, String cookie, String csrf, String name, String refused,
                            String typed, String done, Consumer<ConsoleSession> change) {
        return console.change(request, cookie, csrf, refused, session -> {
            change.accept(session);
            try {
                collaborators.list(session.authorization(), name);
            } catch (Problem e) {
                return "/console/apps";
            }
            return "/console/apps/" + name + "/access?done=" + done;
        }, (session, user, status, error) -> page(session, user, name, status, error, null, typed));
    }

    private Response page(ConsoleSession session, User user, String name, int status, String error, String notice,
                          String typed) {
        Map<String, Object> model = console.model(session, user, error, notice);
        try {
            model.put("collaborators", collaborators.list(session.authorization(), name));
            model.put("app", apps.info(session.authorization(), name).app());
        } catch (RuntimeException e) {
            return console.failurePage(session, user, e);
        }
        model.put("typedUsername", typed == null ? "" : typed);
        return console.page(status, "access", model);
    }
}
