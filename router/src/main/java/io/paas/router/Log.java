package io.paas.router;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Plain one-line logs on stdout (platform.sh collects them in $PAAS_HOME/logs/router.log). */
public final class Log {
    private Log() {
    }

    public static void info(String message) {
        System.out.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " router: " + message);
    }
}
