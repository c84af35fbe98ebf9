package io.paas.controller.logs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One line of an app's log, as Heroku's logplex tags it: {@code 2026-12-04T17:00:00.123Z app[web.1]: ...}.
 *
 * @param process the process it is about ("web.1"), or null for lines about the whole app
 */
public record LogLine(Instant time, LogSource source, String process, String text) {
    /** Longer lines are cut here, as logplex cuts at 10,000 bytes, and say so. */
    public static final int MAX_LENGTH = 10_000;
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public LogLine {
        text = capped(text.replace('\n', ' ').replace('\r', ' '));
    }

    public String format() {
        return timestamp() + " " + tag() + ": " + text;
    }

    /** The time as logplex writes it: UTC, always three digits of milliseconds (so lines sort as text too). */
    public String timestamp() {
        return MILLIS.format(time);
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
