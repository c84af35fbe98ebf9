package io.paas.controller.console;

import io.paas.client.Api;
import io.paas.controller.api.LogsResource;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.Map;

/**
 * An app's log in the console: the last lines, with a refresh link, through the API's LogsResource (its
 * permission and filters). The page's script (/console/logs.js) follows new lines from the follow route and
 * adds each as text; this page alone may run it (ConsoleAnswers.SCRIPTED_POLICY).
 */
@Tag(name = "Console")
@Path("/console/apps/{app}/logs")
public class LogPages {
    private final LogsResource logs;
    private final ConsoleRequests console;

    public LogPages(LogsResource logs, ConsoleRequests console) {
        this.logs = logs;
        this.console = console;
    }

    @Operation(summary = "An app's last log lines, of one source or all, followed live where scripts run (HTML)")
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                         @PathParam("app") String app, @QueryParam("source") String source,
                         @QueryParam("lines") String lines) {
        return console.appPage(request, cookie, app, "logs", ConsoleAnswers.SCRIPTED_POLICY, session -> Map.of(
                "lines", logs.logs(session.authorization(), app, count(lines), source, null, false)
                        .collect().asList().await().indefinitely(),
                "source", source == null ? "" : source,
                "count", lines == null ? "" : lines));
    }

    /** Heartbeats (no line) come at once and every half minute, as the API's follower gets them. */
    @Operation(summary = "An app's new log lines as they come, as NDJSON, for the logs page's script")
    @GET
    @Path("follow")
    @Produces("application/x-ndjson")
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<Api.LogLine> follow(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                                     @PathParam("app") String app, @QueryParam("source") String source) {
        return console.stream(request, cookie, session -> logs.logs(session.authorization(), app, 0, source, null, true));
    }

    /** The form's number of lines: a word there is told as the API tells a number out of range (a 400 page). */
    private static Integer count(String lines) {
        if (lines == null || lines.isBlank()) {
            return null;
        }
        return lines.strip().matches("[0-9]{1,6}") ? Integer.valueOf(lines.strip()) : -1;
    }
}
