package io.paas.cli.support;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as every command takes them: 5 (seconds), 500ms, 5s, 2m, 1h (or 30d). */
public final class Durations {
    public static final String FORMS = "5 (seconds), 500ms, 5s, 2m or 1h";
    private static final Pattern DURATION = Pattern.compile("^(\\d{1,9})(ms|s|m|h|d)?$");

    private Durations() {
    }

    /** The duration, or a usage error naming what (an option or a setting) was given wrongly. */
    public static Duration parse(String what, String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw CliException.usage(what + " must be a duration like " + FORMS + ", got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** 5000 ms -> "5s", 120000 -> "2m", 250 -> "250ms": the shortest form parse reads back. */
    public static String format(long ms) {
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
