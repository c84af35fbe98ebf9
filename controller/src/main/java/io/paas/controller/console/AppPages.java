package io.paas.controller.console;

import io.paas.client.Api;
import io.paas.controller.problems.Problem;
import io.paas.controller.api.AppStateResource;
import io.paas.controller.api.AppsResource;
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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The console's apps list and app pages. Every read and action goes through the API's own resource methods
 * with the session's token, so the console has the API's permissions (404 for an app the user may not see),
 * validation and rollout, and no rules of its own. Actions answer 303 to a page (POST-redirect-GET); a
 * refused one shows the page again with the API's message and status.
 */
@Tag(name = "Console")
@Path("/console/apps")
@Produces(MediaType.TEXT_HTML)
public class AppPages {
    /** What the app's page says after a change: by a code in its address, never words taken from an address. */
    private static final Map<String, String> DONE = Map.of(
            "scaled", "Scaled: the processes start or stop now.",
            "restarted", "Restarted: fresh processes replace the running ones.",
            "config-set", "Config var set: a new release is the current one.",
            "config-unset", "Config var unset: a new release is the current one.");

    private final AppsResource apps;
    private final AppStateResource state;
    private final ConsoleRequests console;

    public AppPages(AppsResource apps, AppStateResource state, ConsoleRequests console) {
        this.apps = apps;
        this.state = state;
        this.console = console;
    }

    /** One row of the list: the app, its current release, processes running of those wanted. */
    public record AppRow(Api.App app, Api.Release release, long running, int desired) {
    }

    @Operation(summary = "The apps the signed-in user may see, and a form to create one (HTML)")
    @GET
    public Response list(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                         @QueryParam("destroyed") String destroyed) {
        return console.signedIn(request, cookie, (session, user) -> listPage(session, user, 200, null,
                destroyed == null ? null : "App " + destroyed + " was destroyed.", ""));
    }

    @Operation(summary = "Create an app (HTML form)")
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                           @FormParam("csrf") String csrf, @FormParam("name") String name) {
        return console.change(request, cookie, csrf, "", session -> {
            Api.App app = (Api.App) apps.create(session.authorization(), new Api.NewApp(name, null)).getEntity();
            return "/console/apps/" + app.name() + "?created=1";
        }, (session, user, status, error) -> listPage(session, user, status, error, null, name));
    }

    @Operation(summary = "An app: its releases, each with a rollback button, its processes with scale and restart "
            + "forms, and its config var names with set and unset forms (HTML)")
    @GET
    @Path("{app}")
    public Response app(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                        @PathParam("app") String name, @QueryParam("created") String created,
                        @QueryParam("rolled-back") String rolledBack, @QueryParam("done") String done) {
        String notice = created != null ? "App " + name + " was created."
                : rolledBack != null ? "Rolled back: v" + rolledBack + " is now the current release."
                : done != null ? DONE.get(done) : null;
        return console.signedIn(request, cookie, (session, user) -> appPage(session, user, name, 200, null, notice,
                created != null));
    }

    @Operation(summary = "Roll an app back to one of its releases (HTML form)")
    @POST
    @Path("{app}/rollback")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rollback(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                             @PathParam("app") String name, @FormParam("csrf") String csrf,
                             @FormParam("version") String version) {
        return console.change(request, cookie, csrf, "Rollback failed: ", session -> {
            Integer target = version == null || !version.matches("[0-9]{1,9}") ? null : Integer.valueOf(version);
            Api.Release made = state.rollback(session.authorization(), name, new Api.Rollback(target));
            return "/console/apps/" + name + "?rolled-back=" + made.version();
        }, (session, user, status, error) -> appPage(session, user, name, status, error, null, false));
    }

    @Operation(summary = "Scale a process type (HTML form)")
    @POST
    @Path("{app}/scale")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response scale(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                          @PathParam("app") String name, @FormParam("csrf") String csrf, @FormParam("type") String type,
                          @FormParam("quantity") String quantity) {
        return change(request, cookie, csrf, name, "Not scaled: ", session -> {
            if (quantity == null || !quantity.strip().matches("[0-9]{1,4}")) {
                throw Problem.invalid("the number of " + type + " processes must be a whole number, 0 or more");
            }
            Map<String, Integer> wanted = new HashMap<>();
            wanted.put(type, Integer.valueOf(quantity.strip()));
            state.scale(session.authorization(), name, wanted);
            return "scaled";
        });
    }

    @Operation(summary = "Restart an app's processes, of one type or all (HTML form)")
    @POST
    @Path("{app}/restart")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response restart(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                            @PathParam("app") String name, @FormParam("csrf") String csrf, @FormParam("type") String type) {
        return change(request, cookie, csrf, name, "Not restarted: ", session -> {
            String which = type == null || type.isBlank() ? null : type;
            state.restart(session.authorization(), name, new Api.Restart(which));
            return "restarted";
        });
    }

    @Operation(summary = "Set a config var: a new release, rolled out (HTML form)")
    @POST
    @Path("{app}/config")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setConfig(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                              @PathParam("app") String name, @FormParam("csrf") String csrf, @FormParam("key") String key,
                              @FormParam("value") String value) {
        return change(request, cookie, csrf, name, "Config not set: ",
                session -> changeConfig(session, name, key == null ? "" : key.strip(), value == null ? "" : value, "config-set"));
    }

    @Operation(summary = "Unset a config var: a new release, rolled out (HTML form)")
    @POST
    @Path("{app}/config/unset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unsetConfig(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                                @PathParam("app") String name, @FormParam("csrf") String csrf, @FormParam("key") String key) {
        return change(request, cookie, csrf, name, "Config not unset: ",
                session -> changeConfig(session, name, key == null ? "" : key, null, "config-unset"));
    }

    /**
     * Answers the app's page itself (no redirect: the value must not travel in an address), with that one value
     * shown. The API's reveal route decides who may see it and records the audit entry.
     */
    @Operation(summary = "Show one config var's value on the app's page; the audit trail records it (HTML form)")
    @POST
    @Path("{app}/config/reveal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revealConfig(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                                 @PathParam("app") String name, @FormParam("csrf") String csrf, @FormParam("key") String key) {
        return console.action(request, cookie, csrf, (session, user) -> {
            Api.ConfigValue shown;
            try {
                shown = state.revealConfig(session.authorization(), name, key == null ? "" : key);
            } catch (RuntimeException e) {
                Api.Problem problem = ConsoleAnswers.problem(e);
                return appPage(session, user, name, problem.status(), "Not revealed: " + problem.detail(), null, false, null);
            }
            return appPage(session, user, name, 200, null, "The value of " + shown.key()
                    + " is shown below; the app's audit trail records that you saw it.", false, shown);
        });
    }

    @Operation(summary = "Destroy an app, confirmed by typing its name (HTML form)")
    @POST
    @Path("{app}/destroy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response destroy(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                            @PathParam("app") String name, @FormParam("csrf") String csrf,
                            @FormParam("confirm") String confirm) {
        return console.change(request, cookie, csrf, "Not destroyed: ", session -> {
            ConsoleRequests.requireConfirmation(name, confirm);
            apps.destroy(session.authorization(), name);
            return "/console/apps?destroyed=" + name;
        }, (session, user, status, error) -> appPage(session, user, name, status, error, null, false));
    }

    /** One config var set (value) or unset (null) through the API: a new release, rolled out; answers done. */
    private String changeConfig(ConsoleSession session, String app, String key, String value, String done) {
        Map<String, String> values = new HashMap<>();
        values.put(key, value);
        state.changeConfig(session.authorization(), app, new Api.ConfigPatch(values));
        return done;
    }

    /** One change of an app from a form: done, the app's page says so; refused, it says why. */
    private Response change(HttpServerRequest request, String cookie, String csrf, String name, String refused,
                            Function<ConsoleSession, String> change) {
        return console.change(request, cookie, csrf, "/console/apps/" + name, refused, change,
                (session, user, status, error) -> appPage(session, user, name, status, error, null, false));
    }

    private Response listPage(ConsoleSession session, User user, int status, String error, String notice, String name) {
        List<AppRow> rows = new ArrayList<>();
        for (Api.App app : apps.list(session.authorization())) {
            Api.AppInfo info = apps.info(session.authorization(), app.name());
            long running = info.processes().stream().filter(p -> "running".equals(p.state())).count();
            int desired = info.formation().values().stream().mapToInt(Integer::intValue).sum();
            rows.add(new AppRow(app, info.release(), running, desired));
        }
        Map<String, Object> model = console.model(session, user, error, notice);
        model.put("apps", rows);
        model.put("name", name == null ? "" : name);
        return console.page(status, "apps", model);
    }

    private Response appPage(ConsoleSession session, User user, String name, int status, String error, String notice,
                             boolean created) {
        return appPage(session, user, name, status, error, notice, created, null);
    }

    /** revealed: the one config value to show, or null (every value hidden). */
    private Response appPage(ConsoleSession session, User user, String name, int status, String error, String notice,
                             boolean created, Api.ConfigValue revealed) {
        Api.AppInfo info;
        List<Api.Release> releases;
        try {
            info = apps.info(session.authorization(), name);
            releases = state.releases(session.authorization(), name, false);
        } catch (RuntimeException e) {
            return console.failurePage(session, user, e);
        }
        Map<String, Object> model = console.model(session, user, error, notice);
        model.put("info", info);
        model.put("releases", releases);
        model.put("processes", state.ps(session.authorization(), name));
        model.put("created", created);
        if (revealed != null) {
            model.put("revealed", revealed);
        }
        return console.page(status, "app", model);
    }
}
