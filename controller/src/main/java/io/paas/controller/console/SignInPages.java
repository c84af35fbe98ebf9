package io.paas.controller.console;

import io.paas.controller.audit.ClientAddress;

import io.paas.client.Api;
import io.paas.controller.problems.Problem;
import io.paas.controller.users.TokenService;
import io.paas.controller.users.User;
import io.paas.controller.users.UserService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Signing in and out of the web console, with the API's login (its throttle and audit entries), and its static files. */
@Tag(name = "Console")
@Path("/console")
public class SignInPages {
    private final UserService users;
    private final TokenService tokens;
    private final ConsolePages pages;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    public SignInPages(UserService users, TokenService tokens, ConsolePages pages) {
        this.users = users;
        this.tokens = tokens;
        this.pages = pages;
    }

    @Operation(summary = "The console's start: the apps list, or the sign-in page when signed out (HTML)")
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response start() {
        return ConsoleAnswers.redirect("/console/apps").build();
    }

    @Operation(summary = "The console's sign-in form (HTML)")
    @GET
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Response signInForm(@Context HttpServerRequest request, @CookieParam(ConsoleSession.SIGN_IN_COOKIE) String formToken,
                               @QueryParam("signed-out") String signedOut) {
        return signInPage(request, formToken, 200, null, signedOut != null ? "You are signed out." : null, "");
    }

    /** The API's login, throttled as it is; the session's token is named and expires. */
    @Operation(summary = "Sign in to the console with a username and password (HTML form)")
    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@Context HttpServerRequest request, @CookieParam(ConsoleSession.SIGN_IN_COOKIE) String formToken,
                           @FormParam("csrf") String csrf, @FormParam("username") String username,
                           @FormParam("password") String password) {
        if (!ConsoleSession.same(formToken, csrf)) {
            return signInPage(request, null, 403, "This form expired or did not come from this site: try again.", null,
                    username);
        }
        Api.Session session;
        try {
            session = users.login(new Api.Credentials(username, password), ClientAddress.of(request),
                    ConsoleSession.TOKEN_NAME, ConsoleSession.LIFETIME.toSeconds());
        } catch (RuntimeException e) {
            Api.Problem problem = ConsoleAnswers.problem(e);
            Response page = signInPage(request, formToken, problem.status(), ConsoleAnswers.capitalized(problem.detail()),
                    null, username);
            // throttled: the browser (or a script) is told when to try again, as the API tells it
            return e instanceof Problem throttled && throttled.retryAfterSeconds() > 0
                    ? Response.fromResponse(page).header("Retry-After", throttled.retryAfterSeconds()).build() : page;
        }
        return ConsoleAnswers.redirect("/console/apps")
                .header("Set-Cookie", ConsoleSession.cookie(ConsoleSession.COOKIE, session.token(),
                        ConsoleSession.LIFETIME.toSeconds(), request))
                .header("Set-Cookie", ConsoleSession.cookie(ConsoleSession.SIGN_IN_COOKIE, "", 0, request))
                .build();
    }

    /** Revokes the session's token: a copy of the cookie stops working too. */
    @Operation(summary = "Sign out of the console (HTML form)")
    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signOut(@Context HttpServerRequest request, @CookieParam(ConsoleSession.COOKIE) String cookie,
                            @FormParam("csrf") String csrf) {
        if (cookie == null) {
            return ConsoleAnswers.redirect("/console/sign-in").build();
        }
        ConsoleSession session = new ConsoleSession(cookie);
        if (!session.csrfMatches(csrf)) {
            return ConsoleAnswers.page(403, pages.render("error", Map.of("status", 403,
                    "message", "This form expired or did not come from this site: reload the page and try again."))).build();
        }
        Long tokenId = users.tokenId(session.authorization());
        if (tokenId != null) {
            try {
                User user = users.authenticate(session.authorization());
                tokens.revoke(user, tokenId);
            } catch (Problem e) {
                // expired, or the user disabled: signed out either way
            }
        }
        return ConsoleAnswers.redirect("/console/sign-in?signed-out=1")
                .header("Set-Cookie", ConsoleSession.cookie(ConsoleSession.COOKIE, "", 0, request)).build();
    }

    @Operation(summary = "The console's stylesheet")
    @GET
    @Path("console.css")
    @Produces("text/css")
    public Response stylesheet() {
        return file("console.css", "text/css;charset=UTF-8");
    }

    /** The logs page's script: it adds each new line as text, never as HTML. */
    @Operation(summary = "The console's script that follows an app's log live")
    @GET
    @Path("logs.js")
    @Produces("text/javascript")
    public Response logScript() {
        return file("logs.js", "text/javascript;charset=UTF-8");
    }

    /** One of the console's static files (paas-console/static/ in the web-console jar), read once. */
    private Response file(String name, String type) {
        byte[] bytes = files.computeIfAbsent(name, SignInPages::read);
        return ConsoleAnswers.secured(Response.ok(bytes, type)).header("Cache-Control", "max-age=3600").build();
    }

    private Response signInPage(HttpServerRequest request, String formToken, int status, String error, String notice,
                                String username) {
        String token = formToken != null && formToken.length() >= 32 ? formToken : ConsoleSession.randomToken();
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", token);
        model.put("username", username == null ? "" : username);
        if (error != null) {
            model.put("error", error);
        }
        if (notice != null) {
            model.put("notice", notice);
        }
        return ConsoleAnswers.page(status, pages.render("sign-in", model))
                .header("Set-Cookie", ConsoleSession.cookie(ConsoleSession.SIGN_IN_COOKIE, token, 3600, request)).build();
    }

    private static byte[] read(String name) {
        try (InputStream in = SignInPages.class.getClassLoader().getResourceAsStream("paas-console/static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("paas-console/static/" + name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
