package io.paas.cli.ps;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** How long a process has been up, short as in `paas ps`: "45s", "3m12s", "2h05m", "1d04h". */
public final class Uptime {
    private Uptime() {
    }

    /** Empty when startedAt is missing or unreadable. */
    public static String since(String startedAt, Instant now) {
        if (startedAt == null || startedAt.isBlank()) {
            return "";
        }
        try {
            return format(Duration.between(Instant.parse(startedAt), now));
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    public static String format(Duration duration) {
        // A clock a little ahead on the controller's host must not show a negative uptime.
        long seconds = Math.max(0, duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return String.format("%dd%02dh", days, hours);
        }
        if (hours > 0) {
            return String.format("%dh%02dm", hours, minutes);
        }
        if (minutes > 0) {
            return String.format("%dm%02ds", minutes, secs);
        }
        return secs + "s";
    }
}
