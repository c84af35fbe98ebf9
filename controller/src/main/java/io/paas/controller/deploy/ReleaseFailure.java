package io.paas.controller.deploy;

import io.paas.controller.problems.Problem;

/**
 * A release that could not go live, with its reason ("web.1 exited with status 1 after 0.8 s") and
 * the failed process's last output kept apart: the release stores both, and the caller of the
 * deploy reads them together in the message.
 */
public class ReleaseFailure extends Problem {
    private final String reason;
    private final String output;

    /** @param message the whole story for the caller of the deploy; the output is appended to it */
    ReleaseFailure(String message, String reason, String output) {
        super(Kind.DEPLOY_FAILED, message + (output.isEmpty() ? "" : ". Its last output:\n" + output));
        this.reason = reason;
        this.output = output;
    }

    public String reason() {
        return reason;
    }

    /** The failed process's last lines (stdout and stderr), empty when it printed nothing. */
    public String output() {
        return output;
    }
}
