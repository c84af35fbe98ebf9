package io.paas.controller.logs;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * One line of an app's log, as Heroku's logplex tags it: {@code 2026-12-04T17:00:00.123Z app[web.1]: ...}.
 *
 * @param process the process it is about ("web.1"), or null for lines about the whole app
 */
public record LogLine(Instant time, LogSource source, String process, String text) {
    /** Longer lines are cut here, as logplex cuts at 10,000 bytes, and say so. */
    public static final int MAX_LENGTH = 10_000;

    public LogLine {
        text = capped(text.replace('\n', ' ').replace('\r', ' '));
    }

    public String format() {
        return timestamp() + " " + tag() + ": " + text;
    }

    /** The time as logplex writes it: UTC, to the millisecond. */
    public String timestamp() {
        return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.MILLIS));
    }

    public String tag() {
        return source.word() + (process == null ? "" : "[" + process + "]");
    }

    private static String capped(String text) {
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        return text.substring(0, MAX_LENGTH) + " [cut: " + (text.length() - MAX_LENGTH) + " more characters]";
    }
}
