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
        return console.appPage(request, cookie, app, "builds", ConsoleAnswers.POLICY,
                session -> Map.of("builds", builds.list(session.authorization(), app)));
    }

    @Operation(summary = "One build of an app, with its whole output (HTML)")
    @GET
    @Path("{id}")
    public Response build(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                          @PathParam("app") String app, @PathParam("id") String id) {
        return console.appPage(request, cookie, app, "build", ConsoleAnswers.POLICY,
                session -> Map.of("build", builds.get(session.authorization(), app, id)));
    }
}
