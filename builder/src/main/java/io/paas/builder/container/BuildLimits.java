package io.paas.builder.container;

import java.time.Duration;

/** What every build may use, buildpack and Dockerfile builds alike: builds must never freeze the host. */
final class BuildLimits {
    static final long MEMORY = 2L << 30;
    static final long CPU_PERIOD = 100_000;
    static final long CPU_QUOTA = 150_000;

    private BuildLimits() {
    }

    /** The line a push ends with when its build ran out of time. */
    static String timedOut(Duration timeout) {
        return " !     Build timed out after " + (timeout.toMinutes() > 0 ? timeout.toMinutes() + " minutes"
                : timeout.toSeconds() + " seconds");
    }
}
