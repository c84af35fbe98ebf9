package io.paas.cli.healthchecks;

import io.paas.cli.support.CliException;
import io.paas.cli.support.Durations;
import io.paas.client.Api;

import java.time.Duration;

/** Checks healthchecks:set's options before anything is sent, and says a check the way users read it. */
final class HealthCheckArgs {
    static final int MIN_SECONDS = 1;
    static final int MAX_SECONDS = 60;

    private HealthCheckArgs() {
    }

    static Api.HealthCheck check(String path, String timeout, String interval, String content, Integer attempts) {
        if (path != null && (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 127))) {
            throw CliException.usage("invalid --path '" + path + "': an HTTP path starting with '/', without spaces (e.g. /health)");
        }
        if (path == null && (content != null || attempts != null)) {
            throw CliException.usage("--content and --attempts check an HTTP answer: give --path too");
        }
        if (attempts != null && (attempts < 1 || attempts > 60)) {
            throw CliException.usage("--attempts must be 1 to 60, got " + attempts);
        }
        if (content != null && content.isEmpty()) {
            throw CliException.usage("--content must not be empty");
        }
        return new Api.HealthCheck(path, seconds("--timeout", timeout), seconds("--interval", interval), content,
                attempts, null);
    }

    /** A duration in any form users type (3, 3s, 1m) as the whole seconds the API counts in; null when not given. */
    private static Integer seconds(String option, String text) {
        if (text == null) {
            return null;
        }
        Duration duration = Durations.parse(option, text);
        if (duration.toMillis() % 1000 != 0) {
            throw CliException.usage(option + " counts whole seconds (" + MIN_SECONDS + " to " + MAX_SECONDS + "), got " + text);
        }
        if (duration.getSeconds() < MIN_SECONDS || duration.getSeconds() > MAX_SECONDS) {
            throw CliException.usage(option + " must be " + MIN_SECONDS + " to " + MAX_SECONDS + " seconds, got " + text);
        }
        return (int) duration.getSeconds();
    }

    /** "HTTP GET /health" (with what the answer must hold and how many tries, when set) or "TCP connect to $PORT". */
    static String kind(Api.HealthCheck check) {
        if (check.path() == null) {
            return "TCP connect to $PORT";
        }
        return "HTTP GET " + check.path() + (check.content() == null ? "" : " answering \"" + check.content() + "\"")
                + (check.attempts() == null ? "" : ", " + check.attempts() + " attempts");
    }

    static String seconds(Integer value) {
        return value == null ? "default" : value + "s";
    }

    static String describe(Api.HealthCheck check) {
        return kind(check) + ", timeout " + seconds(check.timeout()) + ", interval " + seconds(check.interval());
    }
}
