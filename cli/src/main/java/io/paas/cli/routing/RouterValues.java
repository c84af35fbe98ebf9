package io.paas.cli.routing;

import io.paas.cli.support.CliException;
import io.paas.cli.support.Durations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** `router:set` arguments (connect-timeout=5s, max-body=10m, ...) to the API's fields, and back for display. */
final class RouterValues {
    static final Map<String, String> KEYS = new LinkedHashMap<>();
    private static final Pattern SIZE = Pattern.compile("^(\\d+)([kmg]?)b?$");
    private static final long KIB = 1024;

    static {
        KEYS.put("connect-timeout", "connectTimeoutMs");
        KEYS.put("read-timeout", "readTimeoutMs");
        KEYS.put("idle-timeout", "idleTimeoutMs");
        KEYS.put("max-body", "maxBodyBytes");
        KEYS.put("balancing", "balancing");
    }

    private RouterValues() {
    }

    /** KEY=VALUE arguments to a PATCH body; "default" resets a setting. Bad input is a usage error. */
    static Map<String, Object> parse(List<String> assignments) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage("expected KEY=VALUE (e.g. read-timeout=30s), got '" + assignment + "'");
            }
            String key = assignment.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = assignment.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            String field = KEYS.get(key);
            if (field == null) {
                throw CliException.usage("unknown router setting '" + key + "': use " + String.join(", ", KEYS.keySet()));
            }
            changes.put(field, value.equals("default") ? null : value(key, value));
        }
        return changes;
    }

    private static Object value(String key, String value) {
        return switch (key) {
            case "max-body" -> bytes(key, value);
            case "balancing" -> balancing(value);
            default -> millis(key, value);
        };
    }

    static int millis(String key, String value) {
        long ms = Durations.parse(key, value).toMillis();
        if (ms < 1 || ms > Integer.MAX_VALUE) {
            throw CliException.usage(key + " must be at least 1ms, got '" + value + "'");
        }
        return (int) ms;
    }

    static long bytes(String key, String value) {
        Matcher m = SIZE.matcher(value);
        if (!m.matches() || m.group(1).length() > 12 || Long.parseLong(m.group(1)) < 1) {
            throw CliException.usage(key + " must be a size like 512k, 10m or 1g (or default), got '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "k" -> n * KIB;
            case "m" -> n * KIB * KIB;
            case "g" -> n * KIB * KIB * KIB;
            default -> n;
        };
    }

    private static String balancing(String value) {
        String normalized = value.replace('-', '_');
        if (!normalized.equals("round_robin") && !normalized.equals("least_requests")) {
            throw CliException.usage("balancing must be round_robin or least_requests (or default), got '" + value + "'");
        }
        return normalized;
    }

    /** 5000 -> "5s", 120000 -> "2m", 250 -> "250ms"; null -> "default". */
    static String duration(Integer ms) {
        return ms == null ? "default" : Durations.format(ms);
    }

    /** 10485760 -> "10m", 1536 -> "1536"; null -> "default". */
    static String size(Long bytes) {
        if (bytes == null) {
            return "default";
        }
        for (String unit : List.of("g", "m", "k")) {
            long factor = unit.equals("g") ? KIB * KIB * KIB : unit.equals("m") ? KIB * KIB : KIB;
            if (bytes % factor == 0) {
                return bytes / factor + unit;
            }
        }
        return Long.toString(bytes);
    }
}
