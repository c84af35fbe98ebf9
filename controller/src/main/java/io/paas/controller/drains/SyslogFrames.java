package io.paas.controller.drains;

import io.paas.controller.logs.LogLine;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A log line as Heroku's logplex sends it to drains: RFC 5424 with octet counting (RFC 6587),
 * {@code 83 <190>1 2026-12-04T17:00:00.123000+00:00 HOST app web.1 - message}.
 * <ul>
 * <li>PRI: local7.info (190) for the processes' output, local3.info (158) for the router's lines,
 * local0.info (134) for the platform's: Heroku's three facilities.</li>
 * <li>HOSTNAME: the drain's token (d.UUID) on syslog drains, "host" in HTTPS batches (whose token
 * is in the Logplex-Drain-Token header), as Heroku writes them.</li>
 * <li>APP-NAME: "app" for the processes' output, "heroku" for the router's and the platform's lines;
 * PROCID: the process ("web.1"), "router", or "api" for a platform line about the whole app.</li>
 * <li>No MSGID and no structured data: "-" for the first, and the message after "- ".</li>
 * </ul>
 */
final class SyslogFrames {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    private SyslogFrames() {
    }

    /** The frame's bytes: the message's length in bytes, a space, the message. */
    static byte[] frame(LogLine line, String hostname) {
        byte[] message = message(line, hostname).getBytes(StandardCharsets.UTF_8);
        byte[] length = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[length.length + message.length];
        System.arraycopy(length, 0, frame, 0, length.length);
        System.arraycopy(message, 0, frame, length.length, message.length);
        return frame;
    }

    static String message(LogLine line, String hostname) {
        return "<" + priority(line) + ">1 " + TIME.format(line.time()) + " " + hostname + " "
                + (line.source() == io.paas.controller.logs.LogSource.APP ? "app" : "heroku") + " "
                + procid(line) + " - " + line.text();
    }

    private static int priority(LogLine line) {
        int facility = switch (line.source()) {
            case APP -> 23;
            case ROUTER -> 19;
            case PLATFORM -> 16;
        };
        return facility * 8 + 6;
    }

    private static String procid(LogLine line) {
        if (line.process() != null && !line.process().isBlank()) {
            return line.process().replace(' ', '_');
        }
        return switch (line.source()) {
            case APP -> "app";
            case ROUTER -> "router";
            case PLATFORM -> "api";
        };
    }
}
