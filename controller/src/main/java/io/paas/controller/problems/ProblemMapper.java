package io.paas.controller.problems;

import io.paas.client.Api;
import io.paas.controller.builds.BuildNotReleased;
import io.paas.controller.scheduler.EngineException;
import io.paas.controller.scheduler.ImagePullException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/** The one place where failures become problem+json answers; users never see a stack trace. */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response problem(Problem problem) {
        Problem.Kind kind = problem.kind();
        Response answer = answer(kind.status, kind.type, kind.title, problem.getMessage());
        if (problem.retryAfterSeconds() > 0) {
            answer.getHeaders().putSingle("Retry-After", Long.toString(problem.retryAfterSeconds()));
        }
        return answer;
    }

    /** The release's image could not be pulled: the deploy cannot go on, though the engine is fine. */
    @ServerExceptionMapper
    public Response imagePull(ImagePullException e) {
        LOG.warnf("image pull: %s", e.getMessage());
        return answer(502, "image_unavailable", "Image unavailable", e.getMessage());
    }

    /** The container engine failed or is away: the request may work again later. */
    @ServerExceptionMapper
    public Response engine(EngineException e) {
        LOG.warnf("engine: %s", e.forOperators());
        return answer(503, "engine_unavailable", "Container engine unavailable", e.getMessage());
    }

    /** A body that is not JSON, or not of this call's shape: say where and what was expected, never echo it. */
    @ServerExceptionMapper({com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
            com.fasterxml.jackson.databind.exc.InvalidFormatException.class,
            com.fasterxml.jackson.databind.JsonMappingException.class,
            com.fasterxml.jackson.core.JsonParseException.class,
            com.fasterxml.jackson.core.JsonProcessingException.class})
    public Response json(com.fasterxml.jackson.core.JsonProcessingException e) {
        return answer(400, "validation_error", "Invalid request", JsonProblems.describe(e));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            return json(json);
        }
        String detail = status == 400 ? "the request body is not valid JSON for this call"
                : status == 404 ? "no such resource" : status == 405 ? "method not allowed here"
                : status == 415 ? "send Content-Type: application/json" : e.getMessage();
        return answer(status, "http_" + status, Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error", detail);
    }

    /** The release's failure as it would be answered, naming the build that was recorded. */
    @ServerExceptionMapper
    public Response notReleased(BuildNotReleased e) {
        Response answer = answerFor(e.failure());
        if (!(answer.getEntity() instanceof Api.Problem body)) {
            return answer;
        }
        return Response.fromResponse(answer)
                .entity(new Api.Problem(body.type(), body.title(), body.status(), body.detail(), e.buildId())).build();
    }

    /** Any failure as the API answers it: the web console shows the same status and detail. */
    public Response answerFor(RuntimeException failure) {
        return failure instanceof Problem p ? problem(p)
                : failure instanceof ImagePullException pull ? imagePull(pull)
                : failure instanceof EngineException engine ? engine(engine)
                : failure instanceof WebApplicationException web ? web(web)
                : unexpected(failure);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "internal error %s", id);
        return answer(500, "internal_error", "Internal error",
                "the controller failed (error id " + id + "); see its log");
    }

    static Response answer(int status, String type, String title, String detail) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Api.Problem(type, title, status, detail)).build();
    }
}
