package io.paas.controller.deploy;

import java.time.Duration;
import java.util.Map;

/** How to tell a new process is healthy: TCP connect to $PORT (the default), or an HTTP GET of path. */
public record HealthCheckSpec(String path, Duration timeout, Duration interval) {
    static final HealthCheckSpec TCP = new HealthCheckSpec(null, Duration.ofSeconds(3), Duration.ofSeconds(1));

    public boolean isHttp() {
        return path != null;
    }

    static HealthCheckSpec of(String type, Map<String, String> checks) {
        if (!checks.containsKey(type + ".type")) {
            return TCP;
        }
        return new HealthCheckSpec(checks.get(type + ".path"),
                Duration.ofSeconds(Long.parseLong(checks.getOrDefault(type + ".timeout", "3"))),
                Duration.ofSeconds(Long.parseLong(checks.getOrDefault(type + ".interval", "2"))));
    }
}
