package io.paas.controller.console;

import io.paas.controller.api.BuildsResource;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** An app's builds, and one build with its whole output, read through the API's BuildsResource. */
@Tag(name = "Console")
@Path("/console/apps/{app}/builds")
@Produces(MediaType.TEXT_HTML)
public class BuildPages {
    private final BuildsResource builds;
    private final ConsoleRequests console;

    public BuildPages(BuildsResource builds, ConsoleRequests console) {
        this.builds = builds;
        this.console = console;
    }

    @Operation(summary = "An app's builds, newest first: status, who, when, how long, the commit, why one failed (HTML)")
    @GET
    public Response list(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                         @PathParam("app") String app) {
        return console.signedIn(request, cookie, (session, user) -> {
            Map<String, Object> model = console.model(session, user, null, null);
            model.put("app", app);
            model.put("builds", builds.list(session.authorization(), app));
            return console.page(200, "builds", model);
        });
    }

    @Operation(summary = "One build of an app, with its whole output (HTML)")
    @GET
    @Path("{id}")
    public Response build(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                          @PathParam("app") String app, @PathParam("id") String id) {
        return console.signedIn(request, cookie, (session, user) -> {
            Map<String, Object> model = console.model(session, user, null, null);
            model.put("app", app);
            model.put("build", builds.get(session.authorization(), app, id));
            return console.page(200, "build", model);
        });
    }
}
