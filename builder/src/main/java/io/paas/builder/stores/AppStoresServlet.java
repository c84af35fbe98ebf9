package io.paas.builder.stores;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * DELETE /internal/apps/{id} (service token): the controller destroyed the app; its stores go.
 * 204 when they are gone, 202 when a build of the app still runs (they go when it ends).
 * DELETE /internal/apps/{id}/cache: the app's build cache is emptied; 204, or 409 while a build of
 * the app runs.
 */
public class AppStoresServlet extends HttpServlet {
    private static final String CACHE = "/cache";
    private final AppStores stores;
    private final byte[] serviceAuthorization;

    public AppStoresServlet(AppStores stores, String serviceToken) {
        this.stores = stores;
        this.serviceAuthorization = ("Bearer " + serviceToken).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null
                || !MessageDigest.isEqual(serviceAuthorization, authorization.getBytes(StandardCharsets.UTF_8))) {
            answer(response, 401, "the platform's service token is required");
            return;
        }
        String path = request.getPathInfo();
        boolean cache = path != null && path.endsWith(CACHE);
        String id = path == null ? null : path.substring(1, path.length() - (cache ? CACHE.length() : 0));
        if (!AppId.isValid(id)) {
            answer(response, 404, "not an app id: " + path);
            return;
        }
        if (!cache) {
            response.setStatus(stores.remove(id) ? 204 : 202);
        } else if (stores.purgeCache(id)) {
            response.setStatus(204);
        } else {
            answer(response, 409, "a build of the app is running: purge its cache when it ends");
        }
    }

    private static void answer(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter().write(message + "\n");
    }
}
