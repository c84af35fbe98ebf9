package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.metrics.AppMetrics;
import io.paas.controller.problems.Problem;
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

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/** An app's per-minute figures, for those who may see the app. */
@Tag(name = "Metrics")
@SecurityRequirement(name = AuthResource.BEARER)
@Path("/v2/apps/{app}/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {
    private static final int MAX_MINUTES = 24 * 60;

    private final Callers callers;
    private final AppMetrics metrics;

    public MetricsResource(Callers callers, AppMetrics metrics) {
        this.callers = callers;
        this.metrics = metrics;
    }

    @Operation(summary = "An app's requests by status class, latency p50/p99 and processes' memory and CPU per minute (paas metrics)")
    @GET
    public Api.Metrics metrics(@HeaderParam("Authorization") String authorization, @PathParam("app") String name,
                               @QueryParam("minutes") Integer minutes) {
        App app = callers.appFor(authorization, name);
        int span = minutes == null ? 60 : minutes;
        if (span < 1 || span > MAX_MINUTES) {
            throw Problem.invalid("minutes must be between 1 and " + MAX_MINUTES + " (24 hours are kept)");
        }
        Instant since = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(span - 1L));
        return new Api.Metrics(
                metrics.requests(app.id, since).stream().map(r -> new Api.RequestMinute(minute(r[0]), number(r[1]),
                        number(r[2]), number(r[3]), number(r[4]), number(r[5]), number(r[6]), number(r[7]))).toList(),
                metrics.processes(app.id, since).stream().map(r -> new Api.ProcessMinute(minute(r[0]), (String) r[1],
                        ((Number) r[2]).longValue(), Math.round(((Number) r[3]).doubleValue() * 10) / 10.0)).toList());
    }

    private static String minute(Object value) {
        Instant at = value instanceof Instant i ? i
                : value instanceof java.time.OffsetDateTime o ? o.toInstant() : ((Date) value).toInstant();
        return at.toString();
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }
}
