package io.paas.router.policy;

import io.paas.client.Api;

import java.util.Objects;

/**
 * An app's router settings with the router's defaults filled in, compiled once per table so the
 * request path reads plain fields.
 *
 * @param readTimeoutMs  time to the first byte of the app's answer (then 504)
 * @param idleTimeoutMs  longest silence inside a streamed body or a WebSocket before the router closes it
 * @param maxBodyBytes   largest request body (then 413); 0 = no limit
 */
public record AppPolicy(boolean maintenance, boolean tlsEnforce, Allowlist allowlist, int connectTimeoutMs,
                        int readTimeoutMs, int idleTimeoutMs, long maxBodyBytes, boolean leastRequests) {

    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
    /** Heroku's 30 s to first byte, then a 55 s rolling window: what users of such platforms expect. */
    public static final int DEFAULT_READ_TIMEOUT_MS = 30_000;
    public static final int DEFAULT_IDLE_TIMEOUT_MS = 55_000;

    public static final AppPolicy DEFAULTS = new AppPolicy(false, false, Allowlist.EVERYONE,
            DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS, 0, false);

    public static AppPolicy of(Api.RouteSettings settings) {
        if (settings == null) {
            return DEFAULTS;
        }
        return new AppPolicy(
                Boolean.TRUE.equals(settings.maintenance()),
                Boolean.TRUE.equals(settings.tlsEnforce()),
                Allowlist.of(settings.allowlist()),
                positive(settings.connectTimeoutMs(), DEFAULT_CONNECT_TIMEOUT_MS),
                positive(settings.readTimeoutMs(), DEFAULT_READ_TIMEOUT_MS),
                positive(settings.idleTimeoutMs(), DEFAULT_IDLE_TIMEOUT_MS),
                settings.maxBodyBytes() == null || settings.maxBodyBytes() < 0 ? 0 : settings.maxBodyBytes(),
                Objects.equals("least_requests", settings.balancing()));
    }

    private static int positive(Integer value, int fallback) {
        return value == null || value <= 0 ? fallback : value;
    }
}
