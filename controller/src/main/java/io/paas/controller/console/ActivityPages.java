package io.paas.controller.console;

import io.paas.controller.api.AppAuditResource;
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

/** An app's audit trail (who did what, when and from where), read through the API's AppAuditResource. */
@Tag(name = "Console")
@Path("/console/apps/{app}/activity")
@Produces(MediaType.TEXT_HTML)
public class ActivityPages {
    private final AppAuditResource audit;
    private final ConsoleRequests console;

    public ActivityPages(AppAuditResource audit, ConsoleRequests console) {
        this.audit = audit;
        this.console = console;
    }

    @Operation(summary = "An app's audit trail, newest first (HTML)")
    @GET
    public Response activity(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                             @PathParam("app") String app) {
        return console.appPage(request, cookie, app, "activity", ConsoleAnswers.POLICY,
                session -> Map.of("entries", audit.ofApp(session.authorization(), app, null)));
    }
}
