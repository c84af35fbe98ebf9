package io.paas.builder.git;

import io.paas.client.Api;
import io.paas.client.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why a git request (HTTP or SSH) may not go on, in the words git shows the user: one text per
 * answer of the controller's push check, whichever way the user came.
 */
public record PushRefusal(int status, String message) {
    private static final Logger LOG = LoggerFactory.getLogger(PushRefusal.class);

    /** The refusal for the controller's answer e; unauthorized is what a 401 means for this way in. */
    public static PushRefusal of(ApiException e, String app, String username, String unauthorized) {
        return switch (e.status()) {
            case 401 -> new PushRefusal(401, unauthorized);
            case 403 -> new PushRefusal(403, username + " may not push to app " + app);
            case 404 -> new PushRefusal(404, "app " + app + " does not exist: create it with `paas apps:create "
                    + app + "`");
            case 0 -> {
                LOG.warn("controller unreachable during push auth: {}", e.getMessage());
                yield new PushRefusal(503, "paas controller is unreachable, try again later");
            }
            default -> {
                LOG.warn("push auth for {} on {} failed: {} {}", username, app, e.status(), e.getMessage());
                yield new PushRefusal(502, "paas controller error: " + e.getMessage());
            }
        };
    }

    public static String noAppId(String app, String username, Api.PushGrant grant) {
        LOG.warn("push auth for {} on {}: the controller gave no usable app id ({})", username, app, grant.appId());
        return "paas controller error: no id for app " + app;
    }

    public static String destroyed(String app) {
        return "app " + app + " was destroyed";
    }
}
