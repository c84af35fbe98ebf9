package io.paas.cli.releases;

import io.paas.client.Api;

/** What `paas releases` says about a release's rollout; empty for one that went live. */
public final class ReleaseStatus {
    static final int MAX_REASON = 80;

    private ReleaseStatus() {
    }

    static boolean noteworthy(Api.Release release) {
        return !text(release).isEmpty();
    }

    static String text(Api.Release release) {
        String status = release.status();
        if ("pending".equals(status)) {
            return "deploying";
        }
        if ("failed".equals(status)) {
            String reason = firstLine(release.failure());
            return reason.isEmpty() ? "failed" : "failed: " + reason;
        }
        return "";
    }

    /** The reason's first line, cut short: the whole text (with the process's output) is in releases:info. */
    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 3) + "...";
    }
}
