package io.paas.controller.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paas.client.Api;
import io.paas.controller.runs.AttachedRuns;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * GET /v2/runs/{ticket}/attach, upgraded to a WebSocket: the streams of an attached one-off process
 * (see {@link io.paas.client.RunStreams}). A WebSocket route of Vert.x's own, beside the REST
 * resources: the ticket that POST /v2/apps/{app}/runs answered is its authority, good once.
 */
@ApplicationScoped
public class RunAttachSocket {
    private final AttachedRuns runs;
    private final ObjectMapper json;

    public RunAttachSocket(AttachedRuns runs, ObjectMapper json) {
        this.runs = runs;
        this.json = json;
    }

    void routes(@Observes Router router) {
        router.get(AttachedRuns.ATTACH_PATH + ":ticket/attach").handler(this::attach);
    }

    private void attach(RoutingContext context) {
        if (!"websocket".equalsIgnoreCase(context.request().getHeader("Upgrade"))) {
            problem(context, 400, "bad_request", "Bad Request", "connect with a WebSocket (paas run does)");
            return;
        }
        runs.claim(context.pathParam("ticket")).ifPresentOrElse(
                ticket -> context.request().toWebSocket().onSuccess(socket -> runs.serve(ticket, socket)),
                () -> problem(context, 404, "not_found", "Not Found",
                        "no one-off process waits here: a run's attach path is good once, for 30 s"));
    }

    private void problem(RoutingContext context, int status, String type, String title, String detail) {
        try {
            context.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                    .end(json.writeValueAsString(new Api.Problem(type, title, status, detail)));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(status).end();
        }
    }
}
