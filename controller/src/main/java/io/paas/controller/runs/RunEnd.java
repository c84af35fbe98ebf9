package io.paas.controller.runs;

import java.time.Duration;

/**
 * How a one-off's end is said in the app's log (platform[run.N]): `paas run` reads the status at the
 * end of these lines and exits with it, so every path that ends a run says it in these words.
 */
final class RunEnd {
    /** A run past its time is killed (its container removed with force): SIGKILL's status, as a shell says it. */
    static final int KILLED_STATUS = 137;
    /** What a run stopped with SIGTERM (ps:stop) exits with when its own status was not read. */
    static final int STOPPED_STATUS = 143;

    private RunEnd() {
    }

    static String exited(long status) {
        return "Process exited with status " + status;
    }

    /** An attached run whose caller went away (Ctrl-C, a lost connection): its container was removed with force. */
    static String callerGone() {
        return "Process stopped: its client went away (status " + KILLED_STATUS + ")";
    }

    /** A run the engine could not start; 255 as ssh and Heroku's run say a failure of their own. */
    static final int FAILED_STATUS = 255;

    static String couldNotRun(String why) {
        return "Process could not run: " + why + " (status " + FAILED_STATUS + ")";
    }

    static String timedOut(Duration timeout) {
        return "Process timed out after " + timeout.toSeconds() + " s and was stopped (status " + KILLED_STATUS + ")";
    }
}
