package io.paas.controller.console;

import io.paas.client.Api;
import io.paas.controller.problems.ProblemMapper;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The console's answers: pages and redirects, each with the headers that keep tenant text inert (a
 * Content-Security-Policy allowing no script at all and no framing), and failures told as the API tells them.
 */
final class ConsoleAnswers {
    static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    /**
     * A page that follows something live (the logs page): the console's own script files and requests to the
     * console, nothing inline (no 'unsafe-inline', no on* attributes), so tenant text still cannot run.
     */
    static final String SCRIPTED_POLICY = POLICY + "; script-src 'self'; connect-src 'self'";
    private static final ProblemMapper PROBLEMS = new ProblemMapper();

    private ConsoleAnswers() {
    }

    static Response.ResponseBuilder page(int status, String html) {
        return page(status, html, POLICY);
    }

    /** A page with a policy of its own: {@link #SCRIPTED_POLICY} for the one page that runs a script. */
    static Response.ResponseBuilder page(int status, String html, String policy) {
        return secured(Response.status(status).type("text/html;charset=UTF-8").entity(html), policy);
    }

    /** POST-redirect-GET: 303, so a reload never posts twice. */
    static Response.ResponseBuilder redirect(String location) {
        return secured(Response.seeOther(URI.create(location)));
    }

    static Response.ResponseBuilder secured(Response.ResponseBuilder answer) {
        return secured(answer, POLICY);
    }

    private static Response.ResponseBuilder secured(Response.ResponseBuilder answer, String policy) {
        return answer.header("Content-Security-Policy", policy)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store");
    }

    /** The API's details start in lower case ("no app named x"): a page shows them as sentences. */
    static String capitalized(String message) {
        return message == null || message.isEmpty() ? "" : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    /** The status and detail the API would answer for this failure (an unexpected one is logged there). */
    static Api.Problem problem(RuntimeException failure) {
        Object body = PROBLEMS.answerFor(failure).getEntity();
        return body instanceof Api.Problem problem ? problem
                : new Api.Problem("internal_error", "Internal error", 500, "the controller failed; see its log");
    }
}
