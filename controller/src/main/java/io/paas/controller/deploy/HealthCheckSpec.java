package io.paas.controller.deploy;

import java.time.Duration;
import java.util.Map;

/**
 * How to tell a new process is healthy: TCP connect to $PORT (the default), or an HTTP GET of path
 * that answers 2xx/3xx with content (when set) in its body. attempts bounds the GETs (0: retry until
 * the deploy's deadline); initialDelay is waited once before the first GET.
 */
public record HealthCheckSpec(String path, Duration timeout, Duration interval, String content, int attempts,
                              Duration initialDelay) {
    static final HealthCheckSpec TCP = new HealthCheckSpec(null, Duration.ofSeconds(3), Duration.ofSeconds(1),
            null, 0, Duration.ZERO);

    public boolean isHttp() {
        return path != null;
    }

    static HealthCheckSpec of(String type, Map<String, String> checks) {
        if (!checks.containsKey(type + ".type")) {
            return TCP;
        }
        return new HealthCheckSpec(checks.get(type + ".path"),
                Duration.ofSeconds(Long.parseLong(checks.getOrDefault(type + ".timeout", "3"))),
                Duration.ofSeconds(Long.parseLong(checks.getOrDefault(type + ".interval", "2"))),
                checks.get(type + ".content"),
                Integer.parseInt(checks.getOrDefault(type + ".attempts", "0")),
                Duration.ofSeconds(Long.parseLong(checks.getOrDefault(type + ".initialDelay", "0"))));
    }
}
