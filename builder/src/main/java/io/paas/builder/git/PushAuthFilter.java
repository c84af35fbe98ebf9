package io.paas.builder.git;

import io.paas.builder.stores.AppId;
import io.paas.builder.stores.AppLocks;
import io.paas.client.Api;
import io.paas.client.ApiException;
import io.paas.client.ControllerClient;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.locks.Lock;

/**
 * HTTP Basic auth (username + API token) checked by the controller for every git request, which
 * also gives the id of the app the request is for: the repository and the build go by that id.
 * Error bodies are plain text: git prints them to the user as "remote: ..." lines.
 */
public class PushAuthFilter extends HttpFilter {
    /** Request attribute holding the app name of an authorized request. */
    public static final String APP = "paas.app";
    /** Request attribute holding the id of that app, which keys its repository and builds. */
    public static final String APP_ID = "paas.app.id";

    private final ControllerClient controller;
    private final AppLocks locks;

    public PushAuthFilter(ControllerClient controller, AppLocks locks) {
        this.controller = controller;
        this.locks = locks;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String app = AppName.fromPath(path);
        if (app == null) {
            answer(response, 404, "not a paas app repository: the git remote is "
                    + request.getScheme() + "://" + request.getHeader("Host") + "/<app>.git", false);
            return;
        }
        String[] credentials = basicCredentials(request.getHeader("Authorization"));
        if (credentials == null) {
            answer(response, 401, "authentication required: log in with `paas login` (user name + API token)", true);
            return;
        }
        String username = credentials[0];
        Api.PushGrant grant;
        try {
            grant = controller.checkPush(app, username, credentials[1]);
        } catch (ApiException e) {
            deny(response, app, username, e);
            return;
        }
        if (!AppId.isValid(grant.appId())) {
            answer(response, 502, PushRefusal.noAppId(app, username, grant), false);
            return;
        }
        request.setAttribute(APP, app);
        request.setAttribute(APP_ID, grant.appId());
        // the app's stores stay until the request ends, however long its build runs
        Lock inUse = locks.enter(grant.appId());
        if (inUse == null) {
            answer(response, 404, PushRefusal.destroyed(app), false);
            return;
        }
        try {
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public String getRemoteUser() {
                    return username;
                }
            }, response);
        } finally {
            inUse.unlock();
        }
    }

    private static void deny(HttpServletResponse response, String app, String username, ApiException e)
            throws IOException {
        PushRefusal refusal = PushRefusal.of(e, app, username, "authentication failed for " + username
                + ": wrong user name or API token (log in again with `paas login`)");
        answer(response, refusal.status(), refusal.message(), refusal.status() == 401);
    }

    /** [user, token] from a Basic header, or null. */
    static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static void answer(HttpServletResponse response, int status, String message, boolean challenge)
            throws IOException {
        response.setStatus(status);
        if (challenge) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"paas\"");
        }
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter().write(message + "\n");
    }
}
