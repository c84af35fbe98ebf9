package io.paas.router.routes;

import io.paas.router.tls.Certificates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable snapshot host -> route; a new table replaces the old one whole. Hosts match exactly
 * first, then "*.example.com" for exactly one more label (as TLS wildcards do).
 */
public final class RouteTable {
    /** The table before the controller ever answered: the router says so instead of claiming "no app". */
    public static final RouteTable NOT_LOADED = new RouteTable(-1, Map.of(), Map.of(), Certificates.NONE, Map.of(), false);

    private final long generation;
    private final Map<String, AppRoute> exact;
    /** Keyed by the domain under the star: "*.example.com" is "example.com". */
    private final Map<String, AppRoute> wildcard;
    private final Certificates certificates;
    private final Map<String, String> acmeChallenges;
    private final boolean loaded;

    RouteTable(long generation, Map<String, AppRoute> exact, Map<String, AppRoute> wildcard,
               Certificates certificates, Map<String, String> acmeChallenges, boolean loaded) {
        this.generation = generation;
        this.acmeChallenges = acmeChallenges;
        this.exact = exact;
        this.wildcard = wildcard;
        this.certificates = certificates;
        this.loaded = loaded;
    }

    /** The route for a normalized host (lowercase, no port), or null. */
    public AppRoute lookup(String host) {
        if (host == null) {
            return null;
        }
        AppRoute route = exact.get(host);
        if (route == null && !wildcard.isEmpty()) {
            int dot = host.indexOf('.');
            if (dot > 0) {
                route = wildcard.get(host.substring(dot + 1));
            }
        }
        return route;
    }

    public Certificates certificates() {
        return certificates;
    }

    /** The key authorization to answer for an ACME HTTP-01 token, or null. */
    public String acmeChallenge(String token) {
        return acmeChallenges.get(token);
    }

    public long generation() {
        return generation;
    }

    public boolean loaded() {
        return loaded;
    }

    public int size() {
        return exact.size() + wildcard.size();
    }

    /** One human line per host that differs from the previous table; empty when nothing changed. */
    public List<String> changesSince(RouteTable previous) {
        List<String> lines = new ArrayList<>();
        Map<String, AppRoute> now = byPattern();
        Map<String, AppRoute> before = previous.byPattern();
        TreeSet<String> hosts = new TreeSet<>(now.keySet());
        hosts.addAll(before.keySet());
        for (String host : hosts) {
            AppRoute current = now.get(host);
            AppRoute old = before.get(host);
            if (old == null) {
                lines.add("+ " + host + " -> " + describe(current));
            } else if (current == null) {
                lines.add("- " + host + " (" + old.app() + ")");
            } else if (!Objects.equals(current.app(), old.app())
                    || !current.endpointNames().equals(old.endpointNames())
                    || !current.policy().equals(old.policy())) {
                lines.add("~ " + host + " -> " + describe(current) + " (was " + describe(old) + ")");
            }
        }
        if (!certificates.describe().equals(previous.certificates.describe())) {
            lines.add("certificates " + certificates.describe());
        }
        return lines;
    }

    private Map<String, AppRoute> byPattern() {
        Map<String, AppRoute> all = new TreeMap<>(exact);
        wildcard.forEach((domain, route) -> all.put("*." + domain, route));
        return all;
    }

    private static String describe(AppRoute route) {
        return route.app() + " " + (route.hasEndpoints() ? route.endpointNames().toString() : "[no web process]");
    }
}
