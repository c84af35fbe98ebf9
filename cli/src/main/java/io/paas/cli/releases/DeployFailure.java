package io.paas.cli.releases;

import io.paas.cli.support.CliException;
import io.paas.client.Api;
import io.paas.client.ApiException;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * A rollout the controller gave up on (HTTP 502, problem type deploy_failed): said as
 * "deploy failed: ..." so users do not read it as the controller being down. The controller's
 * message already says which release keeps serving, so it is shown as it is.
 */
public final class DeployFailure {
    public static final String TYPE = "deploy_failed";

    private DeployFailure() {
    }

    /** Runs a call that makes or rolls out a release, turning a deploy failure into a CLI error. */
    public static <T> T guard(Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            if (!is(e)) {
                throw e;
            }
            String message = e.getMessage() == null ? "" : e.getMessage().strip();
            throw new CliException(message.toLowerCase(Locale.ROOT).startsWith("deploy failed")
                    ? message : "deploy failed: " + message);
        }
    }

    /**
     * As guard, for calls answering the new release: one the controller answers as already failed
     * is an error too (the call itself succeeded, the rollout did not).
     */
    public static Api.Release guardRelease(Supplier<Api.Release> call) {
        Api.Release release = guard(call);
        if (release != null && "failed".equals(release.status())) {
            String reason = release.failure() == null ? "" : release.failure().strip();
            String output = release.failureOutput() == null ? "" : release.failureOutput().strip();
            throw new CliException("deploy failed: v" + release.version() + (reason.isEmpty() ? "" : ": " + reason)
                    + (output.isEmpty() ? "" : "\nits last output:\n" + output));
        }
        return release;
    }

    /** "v7", or "v7 (still deploying)" when the controller answered before the rollout finished. */
    public static String made(Api.Release release) {
        if (release == null) {
            return null;
        }
        return "v" + release.version() + ("pending".equals(release.status()) ? " (still deploying)" : "");
    }

    static boolean is(ApiException e) {
        String type = e.type();
        // RFC 7807 allows a URI as the type: accept ".../deploy_failed" too.
        return type != null && (type.equals(TYPE) || type.endsWith("/" + TYPE));
    }
}
