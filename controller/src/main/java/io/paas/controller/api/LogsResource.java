package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.logs.AppLogs;
import io.paas.controller.logs.LogLine;
import io.paas.controller.logs.LogQuery;
import io.paas.controller.logs.LogSource;
import io.paas.controller.problems.Problem;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/** An app's log, for those who may see the app: the last lines, and with tail=true every new one. */
@Tag(name = "Logs")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/logs")
public class LogsResource {
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final Pattern TYPE = Pattern.compile("^[A-Za-z0-9_-]{1,63}(\\.[0-9]{1,6})?$");

    private final Callers callers;
    private final AppLogs logs;

    public LogsResource(Callers callers, AppLogs logs) {
        this.callers = callers;
        this.logs = logs;
    }

    @Operation(summary = "An app's last log lines, then with tail=true every new one, as NDJSON (paas logs)")
    @GET
    @Produces("application/x-ndjson")
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<Api.LogLine> logs(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                                   @QueryParam("lines") Integer lines, @QueryParam("source") String source,
                                   @QueryParam("type") String type, @QueryParam("tail") boolean tail) {
        App app = callers.appFor(authorization, name);
        LogQuery query = query(lines, source, type);
        if (!tail) {
            return Multi.createFrom().iterable(logs.recent(app.id, query)).map(LogsResource::view);
        }
        Multi<Api.LogLine> heartbeats = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(HEARTBEAT)
                .onOverflow().drop()
                .map(tick -> Api.LogLine.heartbeat(Instant.now().toString()));
        return Multi.createBy().merging().streams(heartbeats, logs.follow(app.id, query).map(LogsResource::view));
    }

    private static LogQuery query(Integer lines, String source, String type) {
        int count = lines == null ? LogQuery.DEFAULT_LINES : lines;
        if (count < 0 || count > LogQuery.MAX_LINES) {
            throw Problem.invalid("lines must be between 0 and " + LogQuery.MAX_LINES);
        }
        LogSource from = null;
        if (source != null && !source.isBlank()) {
            from = LogSource.of(source).orElseThrow(() -> Problem.invalid("source must be app, router or platform"));
        }
        if (type != null && !type.isBlank() && !TYPE.matcher(type).matches()) {
            throw Problem.invalid("type must be a process type such as web, or a process such as web.1");
        }
        return new LogQuery(count, from, type == null || type.isBlank() ? null : type);
    }

    static Api.LogLine view(LogLine line) {
        return new Api.LogLine(line.timestamp(), line.source().word(), line.process(), line.text(), line.format());
    }
}
