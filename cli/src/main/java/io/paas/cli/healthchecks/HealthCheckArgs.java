package io.paas.cli.healthchecks;

import io.paas.cli.support.CliException;
import io.paas.client.Api;

/** Checks healthchecks:set's options before anything is sent, and says a check the way users read it. */
final class HealthCheckArgs {
    static final int MIN_SECONDS = 1;
    static final int MAX_SECONDS = 60;

    private HealthCheckArgs() {
    }

    static Api.HealthCheck check(String path, Integer timeout, Integer interval) {
        if (path != null && (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 127))) {
            throw CliException.usage("invalid --path '" + path + "': an HTTP path starting with '/', without spaces (e.g. /health)");
        }
        seconds("--timeout", timeout);
        seconds("--interval", interval);
        return new Api.HealthCheck(path, timeout, interval);
    }

    private static void seconds(String option, Integer value) {
        if (value != null && (value < MIN_SECONDS || value > MAX_SECONDS)) {
            throw CliException.usage(option + " must be " + MIN_SECONDS + " to " + MAX_SECONDS + " seconds, got " + value);
        }
    }

    /** "HTTP GET /health" or "TCP connect to $PORT". */
    static String kind(Api.HealthCheck check) {
        return check.path() == null ? "TCP connect to $PORT" : "HTTP GET " + check.path();
    }

    static String seconds(Integer value) {
        return value == null ? "default" : value + "s";
    }

    static String describe(Api.HealthCheck check) {
        return kind(check) + ", timeout " + seconds(check.timeout()) + ", interval " + seconds(check.interval());
    }
}
