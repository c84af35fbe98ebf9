package io.paas.controller.console;

import io.paas.client.Api;
import io.paas.controller.api.MetricsResource;
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

import java.time.Instant;
import java.util.Map;

/** An app's metrics as pictures, over the last hour or day, from the API's series (its permissions: 404 for a stranger). */
@Tag(name = "Console")
@Path("/console/apps/{app}/metrics")
@Produces(MediaType.TEXT_HTML)
public class MetricsPages {
    private final MetricsResource metrics;
    private final ConsoleRequests console;

    public MetricsPages(MetricsResource metrics, ConsoleRequests console) {
        this.metrics = metrics;
        this.console = console;
    }

    @Operation(summary = "An app's requests per minute by status class, latency p50/p99 and each process's memory, "
            + "drawn over the last hour or (range=day) day (HTML)")
    @GET
    public Response page(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                         @PathParam("app") String name, @QueryParam("range") String range) {
        MetricCharts.Range shown = MetricCharts.Range.named(range);
        return console.appPage(request, cookie, name, "metrics", ConsoleAnswers.POLICY, session -> {
            Api.Metrics series = metrics.metrics(session.authorization(), name, shown.minutes);
            return Map.of("range", shown.name, "rangeWords", shown.words,
                    "charts", new MetricCharts(series, shown, Instant.now()));
        });
    }
}
