package io.paas.controller.console;

import io.paas.client.Api;
import io.paas.controller.api.Callers;
import io.paas.controller.problems.Problem;
import io.paas.controller.users.User;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestMulti;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * What every console page does around its own content: the session from the cookie (the sign-in page for a
 * signed-out browser), the CSRF check on forms, the page model's common parts and failures told as the API
 * tells them. Pages read and act only through the API's resources with the session's token.
 */
@ApplicationScoped
public class ConsoleRequests {
    private final Callers callers;
    private final ConsolePages pages;

    public ConsoleRequests(Callers callers, ConsolePages pages) {
        this.callers = callers;
        this.pages = pages;
    }

    /** A page's content for a signed-in user. */
    @FunctionalInterface
    interface Page {
        Response answer(ConsoleSession session, User user);
    }

    /** The page a refused change shows again, with the API's status and message. */
    @FunctionalInterface
    interface Refused {
        Response answer(ConsoleSession session, User user, int status, String error);
    }

    /** A page for a signed-in user; the sign-in page for anyone else (and for a revoked or expired session). */
    Response signedIn(HttpServerRequest request, String cookie, Page page) {
        if (cookie == null || cookie.isBlank()) {
            return ConsoleAnswers.redirect("/console/sign-in").build();
        }
        ConsoleSession session = new ConsoleSession(cookie);
        User user;
        try {
            user = callers.user(session.authorization());
        } catch (Problem e) {
            if (e.kind() != Problem.Kind.UNAUTHORIZED) {
                return ConsoleAnswers.page(e.kind().status, pages.render("error", Map.of("status", e.kind().status,
                        "message", ConsoleAnswers.capitalized(e.getMessage())))).build();
            }
            // revoked, expired, or the user disabled: the cookie is of no more use
            return ConsoleAnswers.redirect("/console/sign-in")
                    .header("Set-Cookie", ConsoleSession.cookie(ConsoleSession.COOKIE, "", 0, request)).build();
        }
        try {
            return page.answer(session, user);
        } catch (RuntimeException e) {
            return failurePage(session, user, e);
        }
    }

    /**
     * One of an app's pages that only reads (builds, logs, activity, metrics): for a signed-in user, the common model,
     * the app's name, and the page's own content read with the session's token (a failed read: the API's
     * answer as a page, 404 for an app the user may not see).
     */
    Response appPage(HttpServerRequest request, String cookie, String app, String template, String policy,
                     Function<ConsoleSession, Map<String, Object>> content) {
        return signedIn(request, cookie, (session, user) -> {
            Map<String, Object> model = model(session, user, null, null);
            model.putAll(content.apply(session));
            model.put("app", app);
            return page(200, template, model, policy);
        });
    }

    /** A form's action: signed in, and the form carries the session's CSRF token. */
    Response action(HttpServerRequest request, String cookie, String csrf, Page page) {
        return signedIn(request, cookie, (session, user) -> session.csrfMatches(csrf) ? page.answer(session, user)
                : ConsoleAnswers.page(403, pages.render("error", Map.of("user", user.username, "csrf", session.csrf(),
                "status", 403, "message", "This form expired or did not come from this site: reload the page and try again.")))
                .build());
    }

    /**
     * One change from a form: done, the browser goes to done's answer (a page address, POST-redirect-GET);
     * refused, the form's page shows again with why, prefixed by what was not done ("Not scaled: ").
     */
    Response change(HttpServerRequest request, String cookie, String csrf, String notDone,
                           Function<ConsoleSession, String> done, Refused refused) {
        return action(request, cookie, csrf, (session, user) -> {
            try {
                return ConsoleAnswers.redirect(done.apply(session)).build();
            } catch (RuntimeException e) {
                Api.Problem problem = ConsoleAnswers.problem(e);
                return refused.answer(session, user, problem.status(), notDone + problem.detail());
            }
        });
    }

    /**
     * A change from a page's form: done, the browser goes back to the page with the notice chosen by
     * done's code (page?done=code: the page picks its words by the code, never words from an address).
     */
    Response change(HttpServerRequest request, String cookie, String csrf, String page, String notDone,
                    Function<ConsoleSession, String> code, Refused refused) {
        return change(request, cookie, csrf, notDone, session -> page + "?done=" + code.apply(session), refused);
    }

    /** A change that cannot be undone (destroy, transfer) needs the app's name typed in its form. */
    static void requireConfirmation(String app, String typed) {
        if (typed == null || !typed.strip().equals(app)) {
            throw Problem.invalid("type the app's name, " + app + ", to confirm");
        }
    }

    /** The model every page template takes: the user, the CSRF token, a notice or an error. */
    Map<String, Object> model(ConsoleSession session, User user, String error, String notice) {
        Map<String, Object> model = new HashMap<>();
        model.put("user", user.username);
        model.put("admin", user.admin);
        model.put("csrf", session.csrf());
        if (error != null) {
            model.put("error", ConsoleAnswers.capitalized(error));
        }
        if (notice != null) {
            model.put("notice", notice);
        }
        return model;
    }

    Response page(int status, String template, Map<String, Object> model) {
        return page(status, template, model, ConsoleAnswers.POLICY);
    }

    /** A page with a Content-Security-Policy of its own (ConsoleAnswers.SCRIPTED_POLICY). */
    Response page(int status, String template, Map<String, Object> model, String policy) {
        return ConsoleAnswers.page(status, pages.render(template, model), policy).build();
    }

    /**
     * A stream a page's script reads (fetch, with the session cookie): its items for a signed-in user, else
     * the status and headers {@link #signedIn} would answer (303 to sign in, 404 for an app the user may
     * not see) with no body, a script having no use for a page.
     */
    <T> Multi<T> stream(HttpServerRequest request, String cookie, Function<ConsoleSession, Multi<T>> items) {
        AtomicReference<Multi<T>> made = new AtomicReference<>();
        Response answer = signedIn(request, cookie, (session, user) -> {
            made.set(items.apply(session));
            return ConsoleAnswers.secured(Response.ok()).build();
        });
        RestMulti.SyncRestMulti.Builder<T> stream = RestMulti.fromMultiData(
                made.get() != null ? made.get() : Multi.createFrom().<T>empty()).status(answer.getStatus());
        answer.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) { // a refusal's page is HTML; its status is what counts
                values.forEach(value -> stream.header(name, value));
            }
        });
        return stream.build();
    }

    /** The API's answer to a failed read, as a page (404 for an app the user may not see). */
    Response failurePage(ConsoleSession session, User user, RuntimeException e) {
        Api.Problem problem = ConsoleAnswers.problem(e);
        Map<String, Object> model = model(session, user, null, null);
        model.put("status", problem.status());
        model.put("message", ConsoleAnswers.capitalized(problem.detail()));
        return page(problem.status(), "error", model);
    }
}
