package io.paas.controller.routes;

import io.paas.controller.problems.Problem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Applies one PATCH field to the settings, with the bounds a user can understand. */
final class SettingValues {
    static final List<String> FIELDS = List.of("maintenance", "tlsEnforce", "allowlist", "connectTimeoutMs",
            "readTimeoutMs", "idleTimeoutMs", "maxBodyBytes", "balancing");
    static final List<String> BALANCING = List.of("round_robin", "least_requests");
    static final int MAX_ALLOWLIST = 100;
    private static final long HOUR_MS = 3_600_000L;

    private SettingValues() {
    }

    static void apply(RouterSettings settings, Map<String, Object> changes) {
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            Object value = change.getValue();
            switch (change.getKey()) {
                case "maintenance" -> settings.maintenance = bool("maintenance", value);
                case "tlsEnforce" -> settings.tlsEnforce = bool("tlsEnforce", value);
                case "allowlist" -> settings.allowlist(cidrs(value));
                case "connectTimeoutMs" -> settings.connectTimeoutMs = (Integer) number("connectTimeoutMs", value, 10 * 60_000L, true);
                case "readTimeoutMs" -> settings.readTimeoutMs = (Integer) number("readTimeoutMs", value, 24 * HOUR_MS, true);
                case "idleTimeoutMs" -> settings.idleTimeoutMs = (Integer) number("idleTimeoutMs", value, 24 * HOUR_MS, true);
                case "maxBodyBytes" -> settings.maxBodyBytes = (Long) number("maxBodyBytes", value, 1L << 40, false);
                case "balancing" -> settings.balancing = balancing(value);
                default -> throw Problem.invalid("unknown router setting '" + change.getKey() + "': use "
                        + String.join(", ", FIELDS));
            }
        }
    }

    static List<String> add(List<String> allowlist, String cidr) {
        LinkedHashSet<String> cidrs = new LinkedHashSet<>(allowlist);
        cidrs.add(Cidr.canonical(cidr));
        if (cidrs.size() > MAX_ALLOWLIST) {
            throw Problem.invalid("an allowlist holds at most " + MAX_ALLOWLIST + " CIDRs: merge some into wider ones");
        }
        return new ArrayList<>(cidrs);
    }

    private static boolean bool(String field, Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw Problem.invalid(field + " must be true or false");
    }

    private static List<String> cidrs(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw Problem.invalid("allowlist must be a list of CIDRs");
        }
        List<String> cidrs = new ArrayList<>();
        for (Object item : list) {
            cidrs = add(cidrs, item == null ? null : item.toString());
        }
        return cidrs;
    }

    /** A whole number in 1..max (ms or bytes); null = the router's default. */
    private static Number number(String field, Object value, long max, boolean asInt) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1
                || ((Number) value).longValue() > max) {
            throw Problem.invalid(field + " must be a whole number from 1 to " + max + " (or null for the default)");
        }
        long n = ((Number) value).longValue();
        return asInt ? (Number) Integer.valueOf((int) n) : (Number) Long.valueOf(n);
    }

    private static String balancing(Object value) {
        if (value == null) {
            return null;
        }
        if (!BALANCING.contains(value.toString())) {
            throw Problem.invalid("balancing must be one of " + String.join(", ", BALANCING));
        }
        return value.toString();
    }
}
