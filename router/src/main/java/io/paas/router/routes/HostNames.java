package io.paas.router.routes;

import java.util.Locale;

/** The one rule that turns a Host header's host part into a table key. */
public final class HostNames {
    private HostNames() {
    }

    /** Lowercase, without a trailing dot ("App.Localhost." is "app.localhost"). */
    public static String normalize(String host) {
        if (host == null) {
            return null;
        }
        // toLowerCase answers the same String when nothing changes, so the common case allocates nothing.
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
